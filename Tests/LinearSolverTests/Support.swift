import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether two numbers agree within a relative tolerance (absolute near zero).
func isClose(_ a: Double?, _ b: Double, relative: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= relative * max(1, abs(a), abs(b))
}

/// The shared reference folder beside the repository, if present.
enum Reference {
    static let repositoryRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    static let directory: String? = {
        let path = repositoryRoot + "/../shared/lp-reference"
        var info = stat()
        return stat(path, &info) == 0 ? path : nil
    }()

    static let skipMessage = "../shared/lp-reference is absent: reference problems skipped"

    /// Rows of a tab-separated optima file, header dropped.
    static func optima(_ set: String) -> [[String]] {
        guard let directory, let text = readText(directory + "/\(set)/optima.tsv") else { return [] }
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

func readText(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

func writeText(_ text: String, to path: String) {
    let file = fopen(path, "wb")!
    _ = text.withCString { fputs($0, file) }
    fclose(file)
}

/// A fresh temporary directory.
func temporaryDirectory() -> String {
    var template = Array("/tmp/allot-tests-XXXXXX".utf8CString)
    let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: result!)
}

func listDirectory(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}
