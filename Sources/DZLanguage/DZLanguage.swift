/// DZLanguage: the dz language (lexer, parser, evaluator, builtins) over DZAutodiff.
@_exported import DZAutodiff
