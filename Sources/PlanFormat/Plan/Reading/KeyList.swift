/// The keys one kind of plan object allows. Each key of at most 16 ASCII bytes is also packed
/// into two words (``PackedKey``), so that a key read from the file is matched by comparing
/// words, not strings.
struct KeyList: ExpressibleByArrayLiteral, Sendable {
    let names: [String]
    /// The names packed, in their order (all of them, or none when one does not pack).
    private let packed: [PackedKey]

    init(_ names: [String]) {
        self.names = names
        let packed = names.compactMap(PackedKey.init)
        self.packed = packed.count == names.count ? packed : []
    }

    init(arrayLiteral names: String...) { self.init(names) }

    var count: Int { names.count }

    /// The position of `key` among the names: `.some(nil)` when it is none of them, and nil
    /// when words cannot tell (a key or a name that does not pack), so strings must.
    ///
    /// Two ASCII strings are equal exactly when their bytes are (for ASCII, `String`'s
    /// canonical equivalence is byte equality), so equal words settle it either way.
    func index(of key: PackedKey?) -> Int?? {
        guard let key, packed.count == names.count else { return nil }
        for position in packed.indices where packed[position] == key { return .some(position) }
        return .some(nil)
    }
}

/// A key of at most 16 ASCII bytes as two words of its bytes (zero after the end) and its
/// length.
struct PackedKey: Equatable, Sendable {
    private var words: SIMD2<UInt64>
    private var count: Int

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        var words = SIMD2<UInt64>()
        if let base = bytes.baseAddress {
            withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
        }
        guard (words[0] | words[1]) & 0x8080_8080_8080_8080 == 0 else { return nil }
        self.words = words
        self.count = bytes.count
    }

    init?(_ text: String) {
        var text = text
        guard let packed = text.withUTF8({ PackedKey($0) }) else { return nil }
        self = packed
    }
}
