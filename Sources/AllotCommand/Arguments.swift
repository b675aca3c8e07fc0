import Allot

/// The parsed words of a command line: positional arguments, flags and options with values.
///
/// Options may come before or after positional arguments; `--name=value` and `--name value` are
/// both accepted; `--` ends the options; a lone `-` is a positional argument (standard input).
struct Arguments {
    var positionals: [String] = []
    var flags: Set<String> = []
    var values: [String: String] = [:]

    /// Parses `words` against the flags and valued options a command knows.
    ///
    /// - Parameter aliases: short forms, such as `["-o": "--output"]`.
    init(_ words: [String], flags known: Set<String>, options: Set<String>, aliases: [String: String] = [:]) throws {
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            var word = words[index]
            index += 1
            if onlyPositionals || word == "-" || !word.hasPrefix("-") {
                positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            var attached: String? = nil
            if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                attached = String(word[word.index(after: equals)...])
                word = String(word[..<equals])
            }
            if let long = aliases[word] { word = long }
            if known.contains(word) {
                guard attached == nil else { throw CommandError.usage("\(word) takes no value") }
                flags.insert(word)
            } else if options.contains(word) {
                if values[word] != nil {
                    throw CommandError.usage("\(word) is given twice; give it once")
                }
                if let attached {
                    values[word] = attached
                } else {
                    guard index < words.count else { throw CommandError.usage("\(word) needs a value") }
                    // "--budget --json": the next word is another option, not this one's value.
                    let next = words[index]
                    if next.hasPrefix("--"), known.contains(next) || options.contains(String(next.split(separator: "=")[0])) {
                        throw CommandError.usage("\(word) needs a value before \(next)")
                    }
                    values[word] = next
                    index += 1
                }
            } else {
                let all = Array(known) + Array(options)
                let hint = Suggestion.nearest(to: word, among: all).map { "; did you mean \($0)?" } ?? ""
                throw CommandError.usage("unknown option \(word)\(hint)")
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func value(_ option: String) -> String? { values[option] }

    /// A number option, checked to be finite and positive.
    func positiveNumber(_ option: String) throws -> Double? {
        guard let text = values[option] else { return nil }
        guard let value = Double(text), value.isFinite, value > 0 else {
            throw CommandError.usage("\(option) takes a positive number, not '\(text)'")
        }
        return value
    }
}
