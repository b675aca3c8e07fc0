import LinearSolver
import PlanFormat

/// How one request appears in the program: its spend as a sum of columns, its spending slices,
/// and the whole units it funds.
struct RequestModel: Sendable {
    /// One slice of spend with a constant value per dollar.
    struct Segment: Sendable {
        /// Cumulative spend where the slice starts and ends.
        var start: Double
        var end: Double
        /// Value per dollar in the slice: confidence x sum of worth x slope.
        var valuePerDollar: Double
        /// KPI units per dollar in the slice (confidence included), by KPI index.
        var slopes: [Double]
        /// The column carrying this slice, when the slice has one of its own.
        var column: LinearProgram.VariableID?

        var width: Double { end - start }
    }

    /// The request's index in `plan.requests`.
    let index: Int
    /// The request's allocation as a combination of columns.
    var allocation: [LinearProgram.Term] = []
    /// Whole units funded (unit-cost requests), as a combination of columns.
    var units: [LinearProgram.Term] = []
    /// Spending slices in order (empty for all-or-nothing requests).
    var segments: [Segment] = []
    /// The least and most the request can take, rounded to whole units.
    var attainableMin: Double = 0
    var attainableMax: Double = 0
    /// Why the request needs integer variables, if it does.
    var integerReasons: [Allocation.IntegerReason] = []
    /// The binary "funded" column of all-or-nothing and minimum-if-funded requests.
    var fundedColumn: LinearProgram.VariableID?
    /// The whole-units column of unit-cost requests.
    var unitsColumn: LinearProgram.VariableID?
    /// The columns whose bounds hold committed spend (relaxed when diagnosing infeasibility).
    var committedBounds: [(column: LinearProgram.VariableID, lower: Double)] = []
}
