/// What a command no longer needs once its output is written, kept until the process exits.
///
/// Freeing a large plan's tree of values (its program, allocation and JSON document) object by
/// object takes longer than the exit that returns the whole memory at once. Only a command run
/// as a process keeps anything (``AllotTool/runProcess()``); run in-process, as the tests run
/// it, values are freed as usual.
enum ProcessExit {
    nonisolated(unsafe) static var keepsValues = false
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `values` alive until the process exits, when running as a process.
    static func keep(_ values: Any...) {
        guard keepsValues else { return }
        kept.append(contentsOf: values)
    }
}
