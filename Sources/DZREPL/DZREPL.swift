/// DZREPL: the interactive loop on libedit, with a plain reader when not on a terminal.
@_exported import DZLanguage
