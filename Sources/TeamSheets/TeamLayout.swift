import PlanFormat

/// The layout of a team's requests in a spreadsheet: one row per request under a header row.
///
/// Fixed columns (Team, Request, Amount required; the rest optional), one column per KPI (the
/// impact at full funding, or a curve), one per KPI with a header ending in "per $" (an impact
/// per dollar), one per period (the share of the spend in it), and the result columns that
/// `allot report --per-team` adds (ignored when a file is imported). Headers match whatever
/// their case, spaces and punctuation: "Unit cost", "unit_cost" and "UNIT-COST" are one column.
public enum TeamColumn: Sendable, Hashable {
    case team, request, name, amount, committed, max, unitCost, minIfFunded, allOrNothing, requires, confidence, note
    /// The impact at full funding on a KPI (or a curve), by KPI id.
    case kpi(String)
    /// An impact per dollar on a KPI, by KPI id.
    case kpiPerDollar(String)
    /// The share of the spend in a period, by period name.
    case period(String)
    /// Results added by `report --per-team`: read past on import.
    case proposed, status, reason

    /// The fixed columns in layout order, with their header and the other headers they answer to.
    public static let fixed: [(column: TeamColumn, header: String, aliases: [String])] = [
        (.team, "Team", ["team id"]),
        (.request, "Request", ["request id", "id"]),
        (.name, "Name", ["request name"]),
        (.amount, "Amount", ["ask", "asked", "amount asked"]),
        (.committed, "Committed", ["min", "committed min", "minimum"]),
        (.max, "Max", ["maximum"]),
        (.unitCost, "Unit cost", []),
        (.minIfFunded, "Min if funded", []),
        (.allOrNothing, "All or nothing", []),
        (.requires, "Requires", []),
        (.confidence, "Confidence", []),
        (.note, "Note", ["notes"]),
        (.proposed, "Proposed", []),
        (.status, "Status", []),
        (.reason, "Reason", []),
    ]

    /// The header the layout writes for this column.
    public var header: String {
        switch self {
        case .kpi(let id): id
        case .kpiPerDollar(let id): id + " per $"
        case .period(let name): name
        default: Self.fixed.first { $0.column == self }!.header
        }
    }

    /// A header as it is matched: lower case, letters and digits only.
    public static func key(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }

    /// A header without a trailing "per $" (or "per dollar", "/$"), and whether it had one.
    static func perDollar(_ header: String) -> (base: String, perDollar: Bool) {
        let trimmed = header.trimmingSpaces
        let lower = trimmed.lowercased()
        for suffix in ["per $", "per$", "per dollar", "/ $", "/$"] where lower.hasSuffix(suffix) {
            return (String(trimmed.dropLast(suffix.count)).trimmingSpaces, true)
        }
        return (trimmed, false)
    }

    /// The column a header names in a plan with these KPIs and periods, or nil.
    public static func match(_ header: String, kpis: [KPI], periods: [String]) -> TeamColumn? {
        HeaderMatcher(kpis: kpis, periods: periods).match(header)
    }

    /// The fixed columns by the keys of their headers and aliases.
    static let fixedKeys: [String: TeamColumn] = {
        var keys: [String: TeamColumn] = [:]
        for entry in fixed.reversed() {
            for name in [entry.header] + entry.aliases { keys[key(name)] = entry.column }
        }
        return keys
    }()

    /// Every column of a plan's layout, in order (results left out).
    public static func columns(for plan: Plan, perDollarKPIs: Set<String> = []) -> [TeamColumn] {
        var columns: [TeamColumn] = [.team, .request, .name, .amount, .committed, .max, .unitCost, .minIfFunded, .allOrNothing, .requires, .confidence]
        for kpi in plan.kpis {
            columns.append(.kpi(kpi.id))
            if perDollarKPIs.contains(kpi.id) { columns.append(.kpiPerDollar(kpi.id)) }
        }
        columns += plan.periods.map(TeamColumn.period)
        columns.append(.note)
        return columns
    }
}

/// Matches headers against a plan's columns, with every key worked out once.
struct HeaderMatcher {
    let kpiKeys: [String: String]
    let periodKeys: [String: String]

    init(kpis: [KPI], periods: [String]) {
        var kpiKeys: [String: String] = [:]
        // Ids take precedence over names.
        for kpi in kpis.reversed() { kpiKeys[TeamColumn.key(kpi.name)] = kpi.id }
        for kpi in kpis.reversed() { kpiKeys[TeamColumn.key(kpi.id)] = kpi.id }
        self.kpiKeys = kpiKeys
        var periodKeys: [String: String] = [:]
        for period in periods.reversed() { periodKeys[TeamColumn.key(period)] = period }
        self.periodKeys = periodKeys
    }

    func match(_ header: String) -> TeamColumn? {
        let (base, perDollar) = TeamColumn.perDollar(header)
        let key = TeamColumn.key(base)
        guard !key.isEmpty else { return nil }
        if !perDollar, let column = TeamColumn.fixedKeys[key] { return column }
        if let kpi = kpiKeys[key] { return perDollar ? .kpiPerDollar(kpi) : .kpi(kpi) }
        if !perDollar, let period = periodKeys[key] { return .period(period) }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
