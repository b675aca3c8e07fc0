#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: standard output for results, standard error for messages.
public struct Console: Sendable {
    public let out: @Sendable (String) -> Void
    public let err: @Sendable (String) -> Void
    /// Whether standard output is a terminal (for colour and layout choices).
    public let isTerminal: Bool
    /// Whether standard error is a terminal (for progress lines, drawn only there).
    public let errorIsTerminal: Bool
    /// Standard input, for plans read from "-"; nil reads the process's own.
    public let standardInput: [UInt8]?

    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, isTerminal: Bool = false,
        errorIsTerminal: Bool = false, standardInput: [UInt8]? = nil
    ) {
        self.out = out
        self.err = err
        self.isTerminal = isTerminal
        self.errorIsTerminal = errorIsTerminal
        self.standardInput = standardInput
    }

    /// The process's standard output and error.
    public static var standard: Console {
        Console(
            out: { text in writeAll(text, to: 1) },
            err: { text in writeAll(text, to: 2) },
            isTerminal: isatty(1) != 0, errorIsTerminal: isatty(2) != 0)
    }
}

/// Writes every byte of `text` to a file descriptor, retrying short writes.
func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { buffer in
            write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += written
    }
}
