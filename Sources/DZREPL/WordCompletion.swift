
/// The default `CompletionProvider`: decides the context from the text before the cursor.
///
/// - `:comm` at the start of the line: REPL command names; after `:load ` file names; after
///   `:help ` names; after `:graph ` or `:time ` the rest is completed as code.
/// - after `.` that follows an identifier, `)` or `]`: attribute names (`x.sh` -> `x.shape`);
///   when the name (or dotted path, `model.l0.`) before the dot is bound, only that value's
///   own attributes (`attributesOf`), else those of every type (`attributes`).
/// - inside a string literal that is the first argument of `load(` or `save(`: file names,
///   relative to `baseDirectory`; directories get a trailing `/`; dot files only after `.`.
/// - elsewhere, a word: keywords, builtins and user names that start with it. Nothing is offered
///   for an empty word, a number, inside a comment or inside other strings.
/// Names come from closures, so the live interpreter's current names are used at each Tab.
public struct WordCompletion: CompletionProvider {
    public var commands: [String]
    public var keywords: [String]
    public var builtins: () -> [String]
    public var userNames: () -> [String]
    public var attributes: () -> [String]
    /// The attributes of the value a name or dotted path (`model.l0`) is bound to; nil when
    /// it is not bound.
    public var attributesOf: (String) -> [String]?
    /// Directory for relative file names; nil means the current directory.
    public var baseDirectory: String?

    public init(commands: [String] = REPLCommand.names,
                keywords: [String],
                builtins: @escaping () -> [String],
                userNames: @escaping () -> [String] = { [] },
                attributes: @escaping () -> [String] = { [] },
                attributesOf: @escaping (String) -> [String]? = { _ in nil },
                baseDirectory: String? = nil) {
        self.commands = commands
        self.keywords = keywords
        self.builtins = builtins
        self.userNames = userNames
        self.attributes = attributes
        self.attributesOf = attributesOf
        self.baseDirectory = baseDirectory
    }

    public func completions(for line: String, cursor: Int) -> (replaceFrom: Int, candidates: [String]) {
        let bytes = Array(line.utf8.prefix(max(cursor, 0)))
        let end = bytes.count
        let none = (replaceFrom: end, candidates: [String]())
        var start = 0
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }

        var codeStart = 0
        if start < end, bytes[start] == UInt8(ascii: ":") {
            guard let blank = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
                return (start, matching(commands, prefix: text(bytes, start, end)))
            }
            var argument = blank
            while argument < end, bytes[argument] == UInt8(ascii: " ") || bytes[argument] == UInt8(ascii: "\t") { argument += 1 }
            switch text(bytes, start, blank) {
            case ":load":
                if argument < end, bytes[argument] == UInt8(ascii: "\"") || bytes[argument] == UInt8(ascii: "'") { argument += 1 }
                return (argument, files(prefix: text(bytes, argument, end)))
            case ":help":
                let word = wordStart(bytes, end, lowerBound: argument)
                if word == end { return none }
                return (word, names(prefix: text(bytes, word, end)))
            case ":graph", ":time":
                codeStart = argument
            default:
                return none
            }
        }
        return code(bytes, from: codeStart)
    }

    // MARK: - Code

    private func code(_ bytes: [UInt8], from codeStart: Int) -> (replaceFrom: Int, candidates: [String]) {
        let end = bytes.count
        let none = (replaceFrom: end, candidates: [String]())
        var quote: UInt8?
        var stringStart = 0
        var i = codeStart
        while i < end {
            let byte = bytes[i]
            if let open = quote {
                if byte == UInt8(ascii: "\\") { i += 1 } else if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "#") {
                return none
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                stringStart = i
            }
            i += 1
        }
        if quote != nil {
            guard isFileArgument(bytes, stringStart: stringStart, lowerBound: codeStart) else { return none }
            return (stringStart + 1, files(prefix: text(bytes, stringStart + 1, end)))
        }

        let word = wordStart(bytes, end, lowerBound: codeStart)
        if word < end, isDigit(bytes[word]) { return none }
        if word > codeStart, bytes[word - 1] == UInt8(ascii: ".") {
            guard word - 1 > codeStart else { return none }
            let before = bytes[word - 2]
            if before == UInt8(ascii: ")") || before == UInt8(ascii: "]") {
                return (word, matching(attributes(), prefix: text(bytes, word, end)))
            }
            guard isIdentifier(before) else { return none }
            let receiver = wordStart(bytes, word - 1, lowerBound: codeStart)
            if isDigit(bytes[receiver]) { return none }
            var path = receiver
            while path > codeStart + 1, bytes[path - 1] == UInt8(ascii: "."), isIdentifier(bytes[path - 2]) {
                let previous = wordStart(bytes, path - 1, lowerBound: codeStart)
                if isDigit(bytes[previous]) { break }
                path = previous
            }
            let own = attributesOf(text(bytes, path, word - 1))
            return (word, matching(own ?? attributes(), prefix: text(bytes, word, end)))
        }
        if word == end { return none }
        return (word, names(prefix: text(bytes, word, end)))
    }

    /// Whether the string opening at `stringStart` is the first argument of `load(` or `save(`.
    private func isFileArgument(_ bytes: [UInt8], stringStart: Int, lowerBound: Int) -> Bool {
        var i = stringStart
        func skipBlanks() { while i > lowerBound, bytes[i - 1] == UInt8(ascii: " ") || bytes[i - 1] == UInt8(ascii: "\t") { i -= 1 } }
        skipBlanks()
        guard i > lowerBound, bytes[i - 1] == UInt8(ascii: "(") else { return false }
        i -= 1
        skipBlanks()
        let name = text(bytes, wordStart(bytes, i, lowerBound: lowerBound), i)
        return name == "load" || name == "save"
    }

    private func names(prefix: String) -> [String] {
        matching(keywords + builtins() + userNames(), prefix: prefix)
    }

    // MARK: - Files

    private func files(prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePart = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        var directory = PathExpansion.expandingTilde(directoryPart)
        if !directory.hasPrefix("/") {
            let base = baseDirectory ?? FileSystem.currentDirectory
            directory = directory.isEmpty ? base : FileSystem.join(base, directory)
        }
        guard let entries = FileSystem.contents(of: directory) else { return [] }
        return entries.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                let isDirectory = FileSystem.kind(of: FileSystem.join(directory, name)).isDirectory
                return directoryPart + name + (isDirectory ? "/" : "")
            }
    }

    // MARK: - Bytes

    private func matching(_ words: [String], prefix: String) -> [String] {
        Array(Set(words.filter { $0.hasPrefix(prefix) })).sorted()
    }

    private func text(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<max(from, to)], as: UTF8.self)
    }

    /// Start of the identifier that ends at `end` (non-ASCII bytes count as identifier bytes).
    private func wordStart(_ bytes: [UInt8], _ end: Int, lowerBound: Int) -> Int {
        var i = end
        while i > lowerBound, isIdentifier(bytes[i - 1]) { i -= 1 }
        return i
    }

    private func isIdentifier(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || isDigit(byte)
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
