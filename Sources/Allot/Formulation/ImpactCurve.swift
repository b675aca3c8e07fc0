/// A request's impact on one KPI as a piecewise-linear function of its spend.
///
/// Every impact form reduces to cumulative points from (0, 0): a per-dollar rate is one straight
/// line to the request's max; a curve is its points, flat after the last one and cut at max.
import PlanFormat
struct ImpactCurve: Sendable, Equatable {
    /// Points with strictly increasing spend, starting after (0, 0).
    let points: [CurvePoint]
    /// The slope after the last point (0 for curves, the rate for linear impacts).
    let tailSlope: Double

    /// The curve of an impact for a request that can spend up to `max`.
    init(_ impact: Impact, amount: Double) {
        switch impact {
        case .perDollar(let rate):
            points = []
            tailSlope = rate
        case .total(let value):
            points = []
            tailSlope = value / amount
        case .curve(let given):
            points = given
            tailSlope = 0
        }
    }

    /// Whether the impact is one straight line from (0, 0).
    var isLinear: Bool { points.isEmpty }

    /// The impact at a spend (0 at or below 0).
    func value(at spend: Double) -> Double {
        guard spend > 0 else { return 0 }
        var previous = CurvePoint(spend: 0, impact: 0)
        for point in points {
            if spend <= point.spend {
                let fraction = (spend - previous.spend) / (point.spend - previous.spend)
                return previous.impact + fraction * (point.impact - previous.impact)
            }
            previous = point
        }
        return previous.impact + tailSlope * (spend - previous.spend)
    }

    /// Spends strictly between 0 and `limit` where the slope changes.
    func breakpoints(below limit: Double) -> [Double] {
        points.map(\.spend).filter { $0 > 0 && $0 < limit }
    }

    /// The (constant) slope between two spends that no breakpoint separates.
    func slope(from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        return (value(at: end) - value(at: start)) / (end - start)
    }
}
