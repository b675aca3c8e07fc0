import CGLPK
import CAllotSystem
import CGLPKGuard

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file format for programs. A `.gz` suffix on the path means gzip, for reading and writing.
public enum ModelFormat: String, Sendable, CaseIterable {
    /// Fixed-column MPS (the Netlib format).
    case fixedMPS = "fixed-mps"
    /// Free MPS (whitespace-separated fields).
    case freeMPS = "free-mps"
    /// CPLEX LP.
    case cplexLP = "lp"

    /// The formats a path's extension suggests, most likely first: `.lp` is CPLEX LP, `.mps` is
    /// free or fixed MPS. Empty when the extension says nothing.
    public static func candidates(forPath path: String) -> [ModelFormat] {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".lp") { return [.cplexLP] }
        if name.hasSuffix(".mps") { return [.freeMPS, .fixedMPS] }
        return []
    }

    var label: String {
        switch self {
        case .fixedMPS: "fixed MPS"
        case .freeMPS: "free MPS"
        case .cplexLP: "CPLEX LP"
        }
    }
}

extension LinearProgram {
    /// Reads a program from an MPS or CPLEX LP file (gzipped when the path ends in `.gz`).
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - format: the format; `nil` infers it from the extension, trying free MPS and then fixed
    ///     MPS for `.mps`.
    /// - Throws: ``SolverError`` of kind `readFailed`, with the file's name and GLPK's message.
    public init(contentsOf path: String, format: ModelFormat? = nil) throws {
        try Self.checkReadable(path)
        let formats = format.map { [$0] } ?? ModelFormat.candidates(forPath: path)
        guard !formats.isEmpty else {
            throw SolverError(
                .malformedFile,
                "\(path): cannot tell the format from the extension; name it .mps or .lp, or say the format (--mps, --freemps, --lp)")
        }
        var failures: [String] = []
        for candidate in formats {
            let problem = GLPKProblem()
            var rc: Int32 = 0
            let P = problem.pointer
            try path.withCString { name in
                try problem.guarded("reading \(path)") {
                    switch candidate {
                    case .fixedMPS: allot_guard_read_mps(P, GLP_MPS_DECK, name, &rc)
                    case .freeMPS: allot_guard_read_mps(P, GLP_MPS_FILE, name, &rc)
                    case .cplexLP: allot_guard_read_lp(P, name, &rc)
                    }
                }
            }
            if rc == 0 {
                self = problem.extractProgram()
                if candidate != .cplexLP, Self.declaresMaximization(path) { sense = .maximize }
                try self.validate()
                return
            }
            failures.append("as \(candidate.label): \(Self.readerMessage())")
        }
        throw SolverError(.malformedFile, "\(path): could not read the program " + failures.joined(separator: "; "))
    }

    /// Writes the program to a file, atomically: a reader never sees a half-written file.
    ///
    /// GLPK rewrites names that its formats cannot hold (fixed MPS keeps 8 characters); give
    /// variables and rows short ASCII names to keep them.
    ///
    /// MPS has no standard way to say "maximize" that GLPK reads, so a maximization is written
    /// with its objective unchanged and the comment line `* Objective sense: MAX`, which
    /// ``init(contentsOf:format:)`` honours; with `glpsol`, pass `--max`. A gzipped MPS file
    /// cannot carry that line, so writing a maximization to one is refused.
    public func write(to path: String, format: ModelFormat) throws {
        try validate()
        let isMPS = format != .cplexLP
        let gzipped = path.lowercased().hasSuffix(".gz")
        if isMPS, sense == .maximize, gzipped {
            throw SolverError(
                .writeFailed,
                "\(path): a gzipped MPS file cannot record that the objective is maximized; write .lp, or an uncompressed .mps")
        }
        let problem = GLPKProblem()
        try problem.load(self)
        let temporary = Self.temporaryPath(besides: path)
        var rc: Int32 = 0
        let P = problem.pointer
        do {
            try temporary.withCString { name in
                try problem.guarded("writing \(path)") {
                    switch format {
                    case .fixedMPS: allot_guard_write_mps(P, GLP_MPS_DECK, name, &rc)
                    case .freeMPS: allot_guard_write_mps(P, GLP_MPS_FILE, name, &rc)
                    case .cplexLP: allot_guard_write_lp(P, name, &rc)
                    }
                }
            }
        } catch {
            unlink(temporary)
            throw SolverError(.writeFailed, "\(path): \(error)")
        }
        guard rc == 0 else {
            unlink(temporary)
            throw SolverError(.writeFailed, "\(path): could not write the program: \(Self.readerMessage())")
        }
        if isMPS, sense == .maximize, !Self.insertMaximizationComment(temporary) {
            unlink(temporary)
            throw SolverError(.writeFailed, "\(path): could not record the objective sense: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SolverError(.writeFailed, "\(path): could not move the finished file into place: \(reason)")
        }
    }

    /// The program as a file's bytes, for a caller that writes them itself (to a device, a pipe,
    /// or through its own atomic writer).
    ///
    /// GLPK writes only to named files, so the text passes through a private temporary file in
    /// `$TMPDIR` (or /tmp), removed before this returns, and by SIGINT or SIGTERM meanwhile when
    /// the process installed the cleanup handlers.
    ///
    /// - Parameter gzipped: compress the bytes as GLPK does for a `.gz` file.
    public func fileContents(format: ModelFormat, gzipped: Bool = false) throws -> [UInt8] {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let suffix = (format == .cplexLP ? ".lp" : ".mps") + (gzipped ? ".gz" : "")
        var template = Array((folder + (folder.hasSuffix("/") ? "" : "/") + "allot-model-XXXXXX" + suffix).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard descriptor >= 0 else {
            throw SolverError(.writeFailed, "cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let slot = allot_register_temporary(path)
        defer {
            unlink(path)
            allot_forget_temporary(slot)
        }
        try write(to: path, format: format)
        guard let file = fopen(path, "rb") else {
            throw SolverError(.writeFailed, "cannot read back \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        let bytes = Self.readAll(file)
        guard ferror(file) == 0 else { throw SolverError(.writeFailed, "cannot read back \(path)") }
        return bytes
    }

    /// Every byte left in an open file.
    static func readAll(_ file: UnsafeMutablePointer<FILE>) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    static let maximizationComment = "* Objective sense: MAX"

    /// Whether an uncompressed MPS file's leading comments carry the maximization line.
    static func declaresMaximization(_ path: String) -> Bool {
        guard !path.lowercased().hasSuffix(".gz"), let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).trimmingCharacters(in: "\r\n ")
            if text.isEmpty { continue }
            guard text.hasPrefix("*") else { return false }
            if text.uppercased().hasPrefix(maximizationComment.uppercased()) { return true }
        }
        return false
    }

    /// Inserts the maximization line after GLPK's header comments of an uncompressed MPS file.
    static func insertMaximizationComment(_ path: String) -> Bool {
        guard let input = fopen(path, "rb") else { return false }
        let bytes = readAll(input)
        let failed = ferror(input) != 0
        fclose(input)
        if failed { return false }
        // The header ends at the first line that is not a comment.
        var offset = 0
        while offset < bytes.count, bytes[offset] == UInt8(ascii: "*") {
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
            offset += 1
        }
        offset = min(offset, bytes.count)
        let insertion = Array((maximizationComment + " (GLPK reads MPS as minimization: use glpsol --max)\n").utf8)
        let output = Array(bytes[..<offset]) + insertion + Array(bytes[offset...])
        guard let file = fopen(path, "wb") else { return false }
        let written = fwrite(output, 1, output.count, file)
        return fclose(file) == 0 && written == output.count
    }

    static func checkReadable(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SolverError(.readFailed, "\(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw SolverError(.readFailed, "\(path): is a directory, not a model file")
        }
        guard access(path, R_OK) == 0 else {
            throw SolverError(.readFailed, "\(path): \(String(cString: strerror(errno)))")
        }
    }

    /// GLPK's reader output without its progress lines.
    static func readerMessage() -> String {
        let text = String(cString: allot_guard_last_output())
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters() }.filter {
            !$0.isEmpty && !$0.hasPrefix("Reading ") && !$0.hasPrefix("Writing ")
                && !$0.contains(" records were ") && !$0.contains(" lines were ")
        }
        return lines.isEmpty ? "no message from GLPK" : lines.joined(separator: "; ")
    }

    /// A unique path in the same directory as `path`, keeping a `.gz` suffix so that GLPK
    /// compresses the same way.
    static func temporaryPath(besides path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let suffix = base.lowercased().hasSuffix(".gz") ? ".gz" : ""
        return "\(directory).\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))\(suffix)"
    }
}
