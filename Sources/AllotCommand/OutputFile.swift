import CAllotSystem


#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a command writes, opened before the work starts and finished after it.
///
/// - A regular file (or a new one) is written to a temporary file beside it, flushed to disk and
///   renamed into place, so that a reader never sees half of it and a failure leaves any old file
///   as it was. The temporary file is registered so that SIGINT, SIGTERM and SIGHUP remove it.
/// - A symlink is followed: the file it points to is replaced, the link stays.
/// - An existing file keeps its permissions (and, where the process may, its owner); a new one gets
///   the usual 0666 less the umask.
/// - A device or a FIFO is written in place (`/dev/null` stays a device).
///
/// Errors: a file that cannot be created or renamed into place is ``ExitCode/cannotCreate`` (73);
/// a failed or short write is ``ExitCode/ioError`` (74), and the partly written file is removed.
final class OutputFile {
    /// The path as the user gave it, for messages.
    let path: String
    /// The file written in the end: `path` with symlinks followed.
    private let target: String
    private var descriptor: Int32
    private var temporary: String?
    private var slot: Int32 = -1
    private var finished = false

    /// Opens an output, after checking that it is none of the command's inputs.
    ///
    /// - Parameters:
    ///   - path: the file to write.
    ///   - option: how the user named it, such as `-o` or `--lp`, for messages.
    ///   - inputs: the files the command reads; writing one of them is a usage error (64).
    init(_ path: String, option: String, inputs: [InputFile]) throws {
        self.path = path
        guard !path.isEmpty else { throw CommandError.usage("\(option) needs a file name") }
        target = OutputFile.followingSymlinks(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists {
            for input in inputs where input.identity == FileIdentity(info) {
                throw CommandError.usage(
                    "\(option) \(path) is \(input.label) itself (the same file); choose another output, an input is never overwritten")
            }
        }
        let kind = info.st_mode & S_IFMT
        if exists, kind == S_IFDIR {
            throw CommandError(.cannotCreate, "\(path): is a directory; name a file to write")
        }
        if exists, kind != S_IFREG {
            // Devices, FIFOs and sockets: written in place, never replaced.
            descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw OutputFile.cannotCreate(path, errno) }
            return
        }
        let made = OutputFile.makeTemporary(besides: target)
        guard let made else { throw OutputFile.cannotCreate(path, errno) }
        descriptor = made.descriptor
        temporary = made.path
        slot = allot_register_temporary(made.path)
        if exists {
            // Keep the permissions of the file being replaced (and its owner, where allowed).
            _ = fchmod(descriptor, info.st_mode & 0o7777)
            _ = fchown(descriptor, info.st_uid, info.st_gid)
        } else {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(descriptor, 0o666 & ~mask)
        }
    }

    deinit { discard() }

    /// Writes bytes; on failure removes the partial file and throws ``ExitCode/ioError``.
    func write(_ bytes: [UInt8]) throws {
        var bytes = bytes
        if let failure = writeAll(&bytes, to: descriptor) {
            discard()
            if failure == EPIPE { throw CommandError(.brokenPipe, "") }
            throw CommandError(.ioError, "\(path): the write failed: \(String(cString: strerror(failure))); nothing was left behind")
        }
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Flushes the file and moves it into place.
    func commit() throws {
        guard !finished else { return }
        guard let temporary else {
            finished = true
            if close(descriptor) != 0, errno != EINTR {
                throw CommandError(.ioError, "\(path): the write failed: \(String(cString: strerror(errno)))")
            }
            return
        }
        if fsync(descriptor) != 0, errno != EINVAL {
            let code = errno
            discard()
            throw CommandError(.ioError, "\(path): the write failed: \(String(cString: strerror(code))); nothing was left behind")
        }
        if close(descriptor) != 0 {
            let code = errno
            descriptor = -1
            discard()
            throw CommandError(.ioError, "\(path): the write failed: \(String(cString: strerror(code))); nothing was left behind")
        }
        descriptor = -1
        guard rename(temporary, target) == 0 else {
            let code = errno
            discard()
            throw CommandError(.cannotCreate, "\(path): cannot move the finished file into place: \(String(cString: strerror(code)))")
        }
        allot_forget_temporary(slot)
        finished = true
    }

    /// Abandons the output: removes the temporary file (an in-place device is just closed).
    func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let temporary {
            unlink(temporary)
            allot_forget_temporary(slot)
        }
    }

    /// Writes a whole output at once.
    static func write(_ text: String, to path: String, option: String, inputs: [InputFile]) throws {
        try write(Array(text.utf8), to: path, option: option, inputs: inputs)
    }

    static func write(_ bytes: [UInt8], to path: String, option: String, inputs: [InputFile]) throws {
        let file = try OutputFile(path, option: option, inputs: inputs)
        try file.write(bytes)
        try file.commit()
    }

    static func cannotCreate(_ path: String, _ code: Int32) -> CommandError {
        let hint = code == ENOENT ? "; check that its folder exists" : code == EACCES ? "; check that its folder is writable" : ""
        return CommandError(.cannotCreate, "\(path): cannot create the file: \(String(cString: strerror(code)))\(hint)")
    }

    /// `path` with symlinks of its last component followed (a dangling link gives the file it
    /// would create). Links in the folders above are left to the system.
    static func followingSymlinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if link.hasPrefix("/") {
                current = link
            } else if let slash = current.lastIndex(of: "/") {
                current = String(current[...slash]) + link
            } else {
                current = link
            }
        }
        return current
    }

    /// A new file beside `path`, named `.NAME.tmp-PID-RANDOM`, open for writing.
    static func makeTemporary(besides path: String) -> (path: String, descriptor: Int32)? {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        var base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // The name must fit the 255 bytes a folder entry takes, with the suffix.
        while base.utf8.count > 200 { base.removeLast() }
        for _ in 0..<8 {
            let candidate = "\(directory).\(base).tmp-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return (candidate, descriptor) }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// Creates a directory if it does not exist yet (its parent must exist).
    static func makeDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw CommandError(.cannotCreate, "\(path): exists and is not a directory")
            }
            return
        }
        guard mkdir(path, 0o777) == 0 else {
            throw CommandError(.cannotCreate, "\(path): cannot create the directory: \(String(cString: strerror(errno)))")
        }
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

/// Which file a path names: its device and inode, so that two names of one file compare equal.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The identity of the file at `path` (symlinks followed), or nil if there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The identity of an open descriptor's file, when it is a regular file.
    init?(regularFileAt descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        self.init(info)
    }
}

/// A file a command reads, which no output may overwrite.
struct InputFile {
    let identity: FileIdentity
    /// How messages name it: "the plan file plan.json".
    let label: String

    /// The input at `path`; for "-", standard input when it is a file.
    init?(path: String, role: String) {
        if path == "-" {
            var info = stat()
            guard fstat(0, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            identity = FileIdentity(info)
            label = "the \(role) read from standard input"
        } else {
            guard let identity = FileIdentity(path: path) else { return nil }
            self.identity = identity
            label = "the \(role) \(path)"
        }
    }
}
