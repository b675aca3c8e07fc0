#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: standard output for results, standard error for messages.
///
/// Writes to standard output are checked: a broken pipe throws ``CommandError`` with
/// ``ExitCode/brokenPipe`` (ended quietly), any other failure ``ExitCode/ioError``. Writes to
/// standard error are not: there is nowhere left to report their failure.
public struct Console: Sendable {
    public let out: @Sendable (String) throws -> Void
    public let err: @Sendable (String) -> Void
    /// Whether standard output is a terminal (for colour and layout choices).
    public let isTerminal: Bool
    /// Whether standard error is a terminal (for progress lines, drawn only there).
    public let errorIsTerminal: Bool
    /// Standard input, for plans read from "-"; nil reads the process's own.
    public let standardInput: [UInt8]?
    /// Whether standard output was closed when the process started (it now points at /dev/null,
    /// so that no file takes its number): a command that would write there stops before it works.
    public let standardOutputWasClosed: Bool
    /// The file standard output is redirected to, when it is a regular file: no input may be it.
    let standardOutputFile: FileIdentity?

    public init(
        out: @escaping @Sendable (String) throws -> Void, err: @escaping @Sendable (String) -> Void,
        isTerminal: Bool = false, errorIsTerminal: Bool = false, standardInput: [UInt8]? = nil,
        standardOutputWasClosed: Bool = false
    ) {
        self.init(
            out: out, err: err, isTerminal: isTerminal, errorIsTerminal: errorIsTerminal, standardInput: standardInput,
            standardOutputWasClosed: standardOutputWasClosed, standardOutputFile: nil)
    }

    init(
        out: @escaping @Sendable (String) throws -> Void, err: @escaping @Sendable (String) -> Void,
        isTerminal: Bool, errorIsTerminal: Bool, standardInput: [UInt8]?, standardOutputWasClosed: Bool,
        standardOutputFile: FileIdentity?
    ) {
        self.standardOutputFile = standardOutputFile
        self.out = out
        self.err = err
        self.isTerminal = isTerminal
        self.errorIsTerminal = errorIsTerminal
        self.standardInput = standardInput
        self.standardOutputWasClosed = standardOutputWasClosed
    }

    /// The process's standard output and error.
    ///
    /// - Parameter standardOutputWasClosed: from ``ProcessSetup``, which reopens closed
    ///   descriptors before anything else runs.
    public static func standard(standardOutputWasClosed: Bool = false) -> Console {
        Console(
            out: { text in
                if let failure = writeAll(text, to: 1) { throw StandardOutput.error(errno: failure) }
            },
            err: { text in _ = writeAll(text, to: 2) },
            isTerminal: isatty(1) != 0, errorIsTerminal: isatty(2) != 0, standardInput: nil,
            standardOutputWasClosed: standardOutputWasClosed,
            standardOutputFile: standardOutputWasClosed ? nil : FileIdentity(regularFileAt: 1))
    }
}

/// Errors of writing to standard output.
enum StandardOutput {
    static func error(errno code: Int32) -> CommandError {
        if code == EPIPE { return CommandError(.brokenPipe, "") }
        return CommandError(.ioError, "cannot write to standard output: \(String(cString: strerror(code)))")
    }

    static let closed = CommandError(
        .ioError, "standard output is closed; give the command somewhere to write (a file or a pipe)")
}

/// Writes every byte of `text` to a file descriptor, retrying short writes and interruptions.
///
/// - Returns: nil when every byte was written, else the `errno` of the failure (ENOSPC for a write
///   that made no progress).
func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
    // A native string's UTF-8 is written where it lies: a large output is not copied first.
    var text = text
    return text.withUTF8 { buffer in writeAll(buffer, to: descriptor) }
}

func writeAll(_ bytes: inout [UInt8], to descriptor: Int32) -> Int32? {
    bytes.withUnsafeBufferPointer { buffer in writeAll(buffer, to: descriptor) }
}

private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, base + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        if written == 0 { return ENOSPC }
        offset += written
    }
    return nil
}

