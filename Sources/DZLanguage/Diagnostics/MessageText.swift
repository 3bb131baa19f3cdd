/// The longest user name (identifier, keyword, attribute, command) quoted whole in a message.
public let maxQuotedNameLength = 40

/// A user-supplied name as a message quotes it: whole up to `limit` characters, else its
/// first `limit` characters and `…`, so a megabyte identifier does not make a megabyte
/// message.
public func shortenedName(_ name: some StringProtocol, limit: Int = maxQuotedNameLength) -> String {
    var end = name.startIndex
    var count = 0
    while end != name.endIndex {
        if count == limit { return String(name[..<end]) + "…" }
        name.formIndex(after: &end)
        count += 1
    }
    return String(name)
}
