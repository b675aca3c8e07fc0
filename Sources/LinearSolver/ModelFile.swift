import CGLPK
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
                .readFailed,
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
                try self.validate()
                return
            }
            failures.append("as \(candidate.label): \(Self.readerMessage())")
        }
        throw SolverError(.readFailed, "\(path): could not read the program " + failures.joined(separator: "; "))
    }

    /// Writes the program to a file, atomically: a reader never sees a half-written file.
    ///
    /// GLPK rewrites names that its formats cannot hold (fixed MPS keeps 8 characters); give
    /// variables and rows short ASCII names to keep them.
    public func write(to path: String, format: ModelFormat) throws {
        try validate()
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
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SolverError(.writeFailed, "\(path): could not move the finished file into place: \(reason)")
        }
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
