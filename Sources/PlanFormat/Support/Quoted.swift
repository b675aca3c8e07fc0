/// Text from an input, quoted for a message: at most 80 characters of it, so that a message
/// stays a line however long the input is.
public enum Quoted {
    /// The most characters of an input a message shows.
    public static let longest = 80

    /// `"text"`, or `"first 80 characters…" (N characters)` when the text is longer.
    public static func text(_ text: String) -> String {
        let count = text.count
        guard count > longest else { return "\"\(text)\"" }
        return "\"\(text.prefix(longest))…\" (\(count) characters)"
    }
}
