import PlanFormat

/// Whether `a` is within `tolerance` of `b`, relative to `b` (absolute below 1); false for nil.
public func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// Whether `a` is within a millionth of `b`, relative to `b` (absolute below 1); false for nil.
public func isNear(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-6 * max(1, abs(b))
}

/// The number at a top-level key of a JSON text, if it is one.
public func valueOf(_ json: String, _ key: String = "value") -> Double? {
    guard let document = try? JSONParser.parse(Array(json.utf8)), case .number(let value) = document.jsonValue[key] else {
        return nil
    }
    return value
}
