/// Shared test helpers: closeness of arrays, and (re-exported) the engine's gradient checks.
@_exported import DZAutodiff
