/// Reads plan files (format 1, see plan-format.md) into `Plan` values, strictly.
///
/// The reader accepts exactly the documented keys and value forms and reports every problem
/// of a file at once, each with its JSON path, line and column, and a message that says what
/// was expected. Unknown keys get a "did you mean" suggestion. A file that breaks no rule but
/// has something odd in it (period budgets that do not add up to the total, a curve cut at
/// `max`) reads with warnings.
public enum PlanReader {
    /// Reads and validates the plan at `path` ("-" for standard input).
    ///
    /// - Returns: the plan and its warnings.
    /// - Throws: `PlanFileError` when the file cannot be read at all, `PlanErrors` (every
    ///   problem found) when it is not a valid plan.
    public static func read(path: String) throws -> PlanLoad {
        let bytes = try PlanFile.readBytes(path: path)
        return try read(bytes: bytes, source: path)
    }

    /// Reads and validates a plan from its bytes.
    ///
    /// - Parameters:
    ///   - bytes: the file's content, UTF-8 (a byte order mark is allowed).
    ///   - source: where the bytes came from, used in messages and kept as `Plan.source`.
    /// - Throws: `PlanErrors` with every problem found, in file order.
    public static func read(bytes: [UInt8], source: String) throws -> PlanLoad {
        let tape: JSONTape
        let hasDuplicateKeys: Bool
        do {
            (tape, hasDuplicateKeys) = try JSONParser.parseTape(bytes, duplicateKeys: .keep)
        } catch {
            let emptyFile = bytes.allSatisfy { [0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
            let message = emptyFile
                ? "the file is empty; a plan is a JSON object such as {\"name\": \"FY2027\", \"kpis\": [...], \"teams\": [...]}"
                : error.message
            throw PlanErrors([PlanError(file: source, path: "", line: error.position.line, column: error.position.column, message: message)])
        }
        let reading = PlanReading(source: source, tape: tape, hasDuplicateKeys: hasDuplicateKeys)
        let plan = reading.readPlan()
        guard reading.errors.isEmpty, let plan else {
            throw PlanErrors(reading.sortedErrors)
        }
        return PlanLoad(plan: plan, warnings: reading.sortedWarnings)
    }
}
