import Foundation

/// Paths in the repository, found from this file's own place (Tests/TestSupport/).
public enum Repository {
    /// The repository's root folder.
    public static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    /// The example plans in `models/`, by file name, sorted (the schema left out).
    public static let modelFiles: [String] = listing(root + "/models")
        .filter { $0.hasSuffix(".json") && $0 != "plan.schema.json" }
        .sorted()

    /// The path of an example plan in `models/`.
    public static func model(_ name: String) -> String { root + "/models/" + name }

    /// Writes `contents` to a file named `name` in a new temporary folder, and returns its path.
    public static func temporaryFile(_ name: String, _ contents: String) -> String {
        var template = Array("/tmp/allot-cli-XXXXXX".utf8CString)
        let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let path = directory + "/" + name
        let file = fopen(path, "wb")!
        fputs(contents, file)
        fclose(file)
        return path
    }
}

/// A scratch folder, removed when the value goes.
public final class Scratch {
    public let path: String

    public init() throws {
        var template = Array((NSTemporaryDirectory() + "allot-test-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The text of the file at `path`, read as UTF-8; nil when it cannot be opened.
public func readFile(_ path: String) -> String? {
    readBytes(path).map { String(decoding: $0, as: UTF8.self) }
}

/// The bytes of the file at `path`; nil when it cannot be opened.
public func readBytes(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

/// The names in the folder at `path` (no `.` or `..`), in the order the system gives them;
/// empty when it cannot be opened.
public func listing(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}
