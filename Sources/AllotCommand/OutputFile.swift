#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files atomically: a temporary file beside the target, then a rename, so that a
/// reader never sees half a report and a failed write leaves any old file in place.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory).\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw CommandError(.cannotWrite, "\(path): cannot write the file: \(String(cString: strerror(errno))); check that its folder exists and is writable")
        }
        var bytes = Array(text.utf8)
        var offset = 0
        var failure: Int32 = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += written
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(failure != 0 ? failure : errno))
            unlink(temporary)
            throw CommandError(.cannotWrite, "\(path): cannot write the file: \(reason)")
        }
    }

    /// Creates a directory if it does not exist yet (its parent must exist).
    static func makeDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw CommandError(.cannotWrite, "\(path): exists and is not a directory")
            }
            return
        }
        guard mkdir(path, 0o755) == 0 else {
            throw CommandError(.cannotWrite, "\(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Whether two paths name the same existing file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// A file name from an id: letters, digits, dot, dash and underscore.
    static func safeName(_ id: String) -> String {
        var name = String(id.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "._-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "-"
        })
        while name.hasPrefix(".") { name.removeFirst() }
        if name.isEmpty { return "team" }
        // File systems take 255 bytes a name: a long id is cut, and a hash of the whole id keeps
        // two long ids that start alike apart.
        if name.utf8.count > 80 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            name = String(name.prefix(80)) + "-" + String(hash % 0xFFFF_FFFF, radix: 16)
        }
        return name
    }
}
