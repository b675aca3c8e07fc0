import AllotCommand

/// What one in-process run of `allot` printed, and its exit code.
public final class Captured: @unchecked Sendable {
    public var out = ""
    public var err = ""
    public var code: Int32 = 0

    public init() {}
}

/// Runs `allot` in-process with `arguments` (and `input` as its standard input) and captures
/// what it prints.
public func runAllot(_ arguments: [String], input: String? = nil) -> Captured {
    let captured = Captured()
    let console = Console(
        out: { captured.out += $0 }, err: { captured.err += $0 },
        standardInput: input.map { Array($0.utf8) })
    captured.code = AllotTool.run(arguments, console: console)
    return captured
}
