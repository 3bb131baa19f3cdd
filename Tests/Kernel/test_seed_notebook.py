"""examples/seed.ipynb runs top to bottom under nbclient with the dz kernel and gives the
outputs stored in it (each cell's outputs, consecutive stream text joined)."""
import copy
import os
import unittest

import nbformat
from nbclient import NotebookClient

from seed_notebook import CELLS, PATH


def normalized(outputs):
    """Outputs without what varies between runs (none in dz), streams of one name joined."""
    out = []
    for o in outputs:
        o = dict(o)
        if o["output_type"] == "stream" and out and out[-1]["output_type"] == "stream" and out[-1]["name"] == o["name"]:
            out[-1] = dict(out[-1], text=out[-1]["text"] + o["text"])
            continue
        out.append(o)
    return out


class SeedNotebookTests(unittest.TestCase):
    def test_the_stored_notebook_matches_its_cells(self):
        nb = nbformat.read(PATH, as_version=4)
        nbformat.validate(nb)
        self.assertEqual([(c.cell_type, c.source) for c in nb.cells], list(CELLS))
        self.assertEqual(nb.metadata["language_info"]["name"], "dz")

    def test_running_it_gives_the_stored_outputs(self):
        stored = nbformat.read(PATH, as_version=4)
        nb = copy.deepcopy(stored)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        NotebookClient(nb, kernel_name="dz", timeout=60).execute()
        kinds = set()
        for i, (old, new) in enumerate(zip(stored.cells, nb.cells)):
            if old.cell_type != "code":
                continue
            with self.subTest(cell=i, source=old.source.splitlines()[0]):
                self.assertEqual(normalized(new.outputs), normalized(old.outputs))
                self.assertEqual(new.execution_count, old.execution_count)
            for o in old.outputs:
                kinds.add(o["output_type"])
                kinds.update(o.get("data", {}).keys())
        # The notebook shows text, results, a graph and a plot as pictures, and an HTML table.
        self.assertTrue({"stream", "execute_result", "display_data", "image/svg+xml", "text/html"} <= kinds, kinds)
