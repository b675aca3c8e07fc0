import LinearSolver
import PlanFormat

/// A plan turned into a linear or mixed-integer program, with the map from the program's rows and
/// columns back to the plan's ids (formulation.md, "The program").
///
/// Nothing downstream of the formulation sees LP indices: the allocation and its explanations
/// speak of requests, teams, rules and KPIs.
struct Formulation: Sendable {
    /// Which side of a two-sided rule a row enforces.
    enum Side: String, Sendable, Equatable {
        case min
        case max
    }

    /// What a row of the program stands for in the plan.
    enum RowRole: Sendable, Equatable {
        /// Total spend against the total budget.
        case totalBudget
        /// Spend phased into a period against that period's budget.
        case periodBudget(String)
        /// Total spend held at the least spend found (minimize-spend, second stage).
        case spendLimit
        /// `S - sum a = 0`: the definition of a spend column that rows are written against: the
        /// total-spend column T (of the total budget, share rows and ratio rows whose
        /// denominator is all spend), or a group's spend that several rule rows use. Not a rule:
        /// its price is the sum of those rows' prices times their coefficients on the column,
        /// and explanations attribute it back to them.
        case spendDefinition
        /// A plan constraint, by index in `plan.constraints` (share and ratio rules have a row per side).
        case rule(Int, Side)
        /// A fairness rule's floor for one team.
        case fairness(Int, team: String)
        /// A KPI target, by index in `plan.kpis`.
        case target(Int, Side)
        /// A request (first) may not be funded to a larger share than one it requires (second).
        case requires(Int, Int)
        /// A request's committed spend (only in the elastic program used to diagnose infeasibility).
        case committed(Int)
        /// Internal structure of a request: units, minimum-if-funded, segment order.
        case structure(Int)
    }

    let plan: Plan
    /// The program: maximize value (less penalties) within the rules.
    var program: LinearProgram
    /// What each row means, by constraint index.
    var rowRoles: [RowRole] = []
    /// Why the program needs integer variables; empty for a linear program.
    var integerReasons: [Allocation.IntegerReason] = []
    /// Whether rule rows carry slack columns (the elastic program of an infeasibility diagnosis).
    let isElastic: Bool

    var requests: [RequestModel] = []
    /// KPI units per column unit (confidence included), by KPI index.
    var kpiTerms: [[LinearProgram.Term]] = []
    /// Shortfall (min) or excess (max) columns of soft targets.
    var softColumns: [(kpi: Int, side: Side, column: LinearProgram.VariableID)] = []
    var totalBudgetRow: LinearProgram.ConstraintID?
    var periodRows: [(period: String, row: LinearProgram.ConstraintID)] = []
    /// The spend row of minimize-spend plans (free until the second stage bounds it).
    var spendRow: LinearProgram.ConstraintID?
    /// The total-spend column T and the row defining it, when a share or ratio rule needs them.
    var totalSpendColumn: LinearProgram.VariableID?
    var totalSpendRow: LinearProgram.ConstraintID?
    /// Every spend column with the row defining it, T first when there is one.
    var spendDefinitions: [(column: LinearProgram.VariableID, row: LinearProgram.ConstraintID)] = []
    /// Objective coefficients of the value objective and of the least-spend objective, by column.
    var valueObjective: [Double] = []
    var spendObjective: [Double] = []
    /// Slack columns of the elastic program, grouped by the rule they relax.
    var elasticGroups: [ElasticGroup] = []

    let kpiIndex: [String: Int]
    let requestIndex: [String: Int]
    let allRequests: RequestList
    /// Each request's impact curves by KPI index, with what reading them needs, made once: the
    /// walk of cuts reads every request's impacts at every level.
    let impactCurves: [RequestImpacts]

    /// A request's impacts as curves, by KPI index.
    struct RequestImpacts: Sendable {
        /// Each KPI the request gives an impact on, with its curve (one array: most requests
        /// name one KPI).
        let curves: [(kpi: Int, curve: ImpactCurve)]
        let confidence: Double
        let amount: Double
        let allOrNothing: Bool
    }

    /// A request's impact curves, in the order of the plan's KPIs (`kpiIndex` gives each KPI's
    /// position by id).
    static func impacts(of request: Request, kpiIndex: [String: Int]) -> RequestImpacts {
        var given: [(kpi: Int, curve: ImpactCurve)] = []
        given.reserveCapacity(request.impact.count)
        for (id, impact) in request.impact {
            if let k = kpiIndex[id] { given.append((k, ImpactCurve(impact, amount: request.amount))) }
        }
        if given.count > 1 { given.sort { $0.kpi < $1.kpi } }
        return RequestImpacts(
            curves: given, confidence: request.confidence, amount: request.amount, allOrNothing: request.allOrNothing)
    }

    /// The positions of each team's requests in `allRequests` (requests are listed team by team).
    var teamRanges: [Range<Int>] { allRequests.teamRanges }

    /// Builds the program for a plan (with any scenario already applied).
    ///
    /// - Parameters:
    ///   - elastic: give every rule and committed spend a slack column fixed at zero, for the
    ///     infeasibility diagnosis.
    ///   - names: give rows and columns their readable ASCII names (`a_<request>`, `rule_<id>`,
    ///     ...), for a program written to a file; without them, a program to solve is made
    ///     faster and smaller, and its messages number its rows and columns instead.
    /// - Parameter halvesFrom: the number of requests from which impact curves and slices are made
    ///   in two halves at once (``requestsInHalves``; tests set it to compare both ways).
    init(_ plan: Plan, elastic: Bool = false, names: Bool = true, halvesFrom: Int = requestsInHalves) {
        self.plan = plan
        self.isElastic = elastic
        let requests = RequestList(plan.teams)
        self.allRequests = requests
        self.kpiIndex = Dictionary(plan.kpis.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.requestIndex = Self.requestIndex(requests, plan: plan)
        let kpiIndex = self.kpiIndex
        self.impactCurves = BackgroundWork.map(requests.indices, inHalvesFrom: halvesFrom) {
            Self.impacts(of: requests[$0], kpiIndex: kpiIndex)
        }
        self.program = LinearProgram(name: Self.asciiName(plan.name, fallback: "plan"), sense: .maximize)
        var names = NameTable(enabled: names)
        if names.enabled { names.reserve(allRequests.count * 3 + plan.teams.count + 64) }
        buildRequests(names: &names, halvesFrom: halvesFrom)
        buildRows(names: &names)
        finishObjective()
    }

    /// Each request's position by id (the first, for an id given twice), or nothing when no
    /// request is looked up by id: only `requires` and scopes that name requests do.
    static func requestIndex(_ requests: RequestList, plan: Plan) -> [String: Int] {
        let scopes = plan.constraints.flatMap { constraint -> [Scope] in
            if case .ratio(let to, _, _) = constraint.kind { return [constraint.scope, to] }
            return [constraint.scope]
        }
        guard scopes.contains(where: { !$0.requests.isEmpty }) || requests.indices.contains(where: { !requests[$0].requires.isEmpty }) else {
            return [:]
        }
        var requestIndex: [String: Int] = [:]
        requestIndex.reserveCapacity(requests.count)
        for index in requests.indices where requestIndex[requests[index].id] == nil { requestIndex[requests[index].id] = index }
        return requestIndex
    }

    /// The number of requests from which their impact curves and slices are made in two halves,
    /// the second on another thread.
    static let requestsInHalves = 4_096

    /// Whether the program has integer variables.
    var isInteger: Bool { !integerReasons.isEmpty }

    /// The request indices a scope selects, in file order.
    func select(_ scope: Scope) -> [Int] {
        if scope.isWholePlan { return Array(allRequests.indices) }
        let teams = Set(scope.teams)
        let groups = Set(scope.groups)
        let ranges = teamRanges
        let chosenTeams = plan.teams.indices.filter { t in
            teams.contains(plan.teams[t].id) || !groups.isDisjoint(with: plan.teams[t].groups)
        }
        if scope.requests.isEmpty {
            // Whole teams only: their requests, team by team, are already in file order.
            var members: [Int] = []
            members.reserveCapacity(chosenTeams.reduce(0) { $0 + ranges[$1].count })
            for t in chosenTeams { members.append(contentsOf: ranges[t]) }
            return members
        }
        var chosen = [Bool](repeating: false, count: allRequests.count)
        for t in chosenTeams {
            for index in ranges[t] { chosen[index] = true }
        }
        for id in scope.requests { if let index = requestIndex[id] { chosen[index] = true } }
        return chosen.indices.filter { chosen[$0] }
    }

    /// Scope members grouped by team, in team order (teams without members left out).
    func membersByTeam(_ members: [Int]) -> [(team: Team, members: [Int])] {
        var groups = [[Int]](repeating: [], count: plan.teams.count)
        for index in members { groups[allRequests.team(at: index)].append(index) }
        return groups.indices.filter { !groups[$0].isEmpty }.map { (plan.teams[$0], groups[$0]) }
    }

    /// A request's share of spend in each period (an equal split when it gives no phasing).
    func phase(_ request: Request, _ period: String) -> Double { plan.phase(of: request, in: period) }

    /// An ASCII identifier for MPS and LP files: letters, digits and underscores.
    static func asciiName(_ text: String, fallback: String) -> String {
        // Byte by byte: every byte of a non-ASCII scalar is a separator, as the scalar is.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let isLetterOrDigit = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if isLetterOrDigit {
                result.append(byte)
            } else if result.last != UInt8(ascii: "_") {
                result.append(UInt8(ascii: "_"))
            }
        }
        while result.last == UInt8(ascii: "_") { result.removeLast() }
        if result.isEmpty { return String(fallback.prefix(48)) }
        return String(decoding: result.prefix(48), as: UTF8.self)
    }

    /// Hands out unique ASCII names for rows and columns.
    struct NameTable {
        /// Whether names are made at all: when not, every name is empty.
        let enabled: Bool
        private var used: Set<String> = []

        init(enabled: Bool = true) { self.enabled = enabled }

        mutating func reserve(_ count: Int) { used.reserveCapacity(count) }

        mutating func make(_ prefix: String, _ id: String, _ suffix: @autoclosure () -> String = "") -> String {
            guard enabled else { return "" }
            let base = prefix + "_" + Formulation.asciiName(id, fallback: "x") + suffix()
            var name = base
            var counter = 2
            while used.contains(name) {
                name = base + "_\(counter)"
                counter += 1
            }
            used.insert(name)
            return name
        }
    }
}

/// The slack columns that relax one rule of the plan in the elastic program.
struct ElasticGroup: Sendable {
    enum Rule: Sendable, Equatable {
        case totalBudget
        case periodBudget(String)
        case constraint(Int, Formulation.Side)
        case fairness(Int, team: String)
        case target(Int, Formulation.Side)
        case requires(Int, Int)
        case committed(Int)
    }

    let rule: Rule
    let row: LinearProgram.ConstraintID
    /// Slack columns: one per direction in which the row can be relaxed.
    var slacks: [LinearProgram.VariableID]
    /// The size of the rule's right-hand side, to weigh violations in the rule's own units.
    let scale: Double
}

extension PlanReference.Side {
    init(_ side: Formulation.Side) {
        switch side {
        case .min: self = .min
        case .max: self = .max
        }
    }
}

extension Formulation {
    /// The plan element a row enforces, by the plan's own ids; nil for a request's own terms.
    ///
    /// A share or ratio rule's two sides, and a target's, are one element; a fairness rule's
    /// floor names its team. The total-spend definition is never a cause of its own: its price
    /// is attributed to the rules that use it.
    func ruleRef(of role: RowRole) -> PlanReference? {
        switch role {
        case .totalBudget: return .budget
        case .periodBudget(let period): return .period(period)
        case .rule(let c, _): return .rule(plan.constraints[c].id)
        case .fairness(let c, let team): return .rule(plan.constraints[c].id, team: team)
        case .target(let k, _): return .target(plan.kpis[k].id)
        case .requires(let r, let q): return .requires(allRequests[q].id, of: allRequests[r].id)
        case .spendLimit: return .spend
        case .spendDefinition, .committed, .structure: return nil
        }
    }
}

/// Every request of a plan in file order, read through the plan's teams: a large plan's requests
/// are not held a second time, flattened.
struct RequestList: RandomAccessCollection, Sendable {
    private let teams: [Team]
    /// The team of each request, by position.
    private let owner: [Int32]
    /// The positions of each team's requests.
    let teamRanges: [Range<Int>]

    init(_ teams: [Team]) {
        self.teams = teams
        var owner: [Int32] = []
        var ranges: [Range<Int>] = []
        owner.reserveCapacity(teams.reduce(0) { $0 + $1.requests.count })
        ranges.reserveCapacity(teams.count)
        for (t, team) in teams.enumerated() {
            ranges.append(owner.count..<(owner.count + team.requests.count))
            owner.append(contentsOf: repeatElement(Int32(truncatingIfNeeded: t), count: team.requests.count))
        }
        self.owner = owner
        self.teamRanges = ranges
    }

    var startIndex: Int { 0 }
    var endIndex: Int { owner.count }

    /// The team (by position in the plan's teams) of the request at a position.
    func team(at position: Int) -> Int { Int(owner[position]) }

    /// The request at a position, lent in place: reading one field copies no other.
    subscript(position: Int) -> Request {
        _read {
            let team = Int(owner[position])
            yield teams[team].requests[position - teamRanges[team].lowerBound]
        }
    }
}
