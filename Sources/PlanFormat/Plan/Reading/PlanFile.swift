#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a plan file's bytes with the C library, so that the reader needs no Foundation.
public enum PlanFile {
    /// The bytes of the file at `path`, or of standard input when `path` is "-".
    /// The largest plan file read, in bytes.
    public static let maximumSize = 256 << 20

    public static func readBytes(path: String) throws(PlanFileError) -> [UInt8] {
        let isStandardInput = path == "-"
        let descriptor = isStandardInput ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { if !isStandardInput { close(descriptor) } }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR) {
            throw PlanFileError(file: path, kind: .isDirectory, reason: "is a directory")
        }
        var bytes: [UInt8] = []
        // A regular file's size is known: its bytes are read into one buffer of that size.
        if info.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG), info.st_size > 0, Int(info.st_size) <= maximumSize {
            bytes.reserveCapacity(Int(info.st_size) + 1)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            // A plan is text a person wrote or a tool exported: far below this. A device such as
            // /dev/zero would otherwise be read until memory runs out.
            if bytes.count > maximumSize {
                throw PlanFileError(
                    file: path, kind: .other,
                    reason: "is larger than \(maximumSize >> 20) MiB, which no plan needs; is it the right file?")
            }
        }
    }

    static func failure(_ path: String, _ code: Int32) -> PlanFileError {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        switch code {
        case ENOENT, ENOTDIR: return PlanFileError(file: path, kind: .notFound, reason: reason)
        case EACCES, EPERM: return PlanFileError(file: path, kind: .permissionDenied, reason: reason)
        case EISDIR: return PlanFileError(file: path, kind: .isDirectory, reason: reason)
        default: return PlanFileError(file: path, kind: .other, reason: reason)
        }
    }
}
