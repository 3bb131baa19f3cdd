import Testing
@testable import DZTensor

@Suite struct IndexingTests {
    let x = iota([2, 3, 4])

    @Test func basicIndexing() throws {
        #expect(try x.gathered([.index(1), .all, .slice(start: nil, stop: nil, step: -2)]).scalars
                == [15, 13, 19, 17, 23, 21])
        #expect(try x.gathered([.index(-1), .index(-1), .index(-1)]).scalars == [23])
        #expect(try x.gathered([.index(-1), .index(-1), .index(-1)]).shape == [])
        #expect(try x.gathered([.slice(start: 1, stop: nil, step: nil)]).shape == [1, 3, 4])
        #expect(try x.gathered([.all, .slice(start: 5, stop: 9, step: nil)]).shape == [2, 0, 4])
        #expect(try x.gathered([.all, .all, .slice(start: -3, stop: -1, step: nil)]).scalars
                == [1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22])
    }

    @Test func integerArrayAlongOneAxis() throws {
        // x[:, [2, 0, 2], 1]
        let r = try x.gathered([.all, .array(positions(2, 0, 2)), .index(1)])
        #expect(r.shape == [2, 3])
        #expect(r.scalars == [9, 1, 9, 21, 13, 21])
        #expect(try x.gathered([.array(positions(1, 0))]).shape == [2, 3, 4])
        #expect(try x.gathered([.all, .slice(start: 1, stop: nil, step: nil), .array(positions(0, 0))]).shape == [2, 2, 2])
        #expect(try x.gathered([.index(1), .array(positions(0, 2))]).shape == [2, 4])
        // Separated advanced indices put the array's axes first (numpy): x[0, :, [1, 3]] is (2, 3).
        let sep = try x.gathered([.index(0), .all, .array(positions(1, 3))])
        #expect(sep.shape == [2, 3])
        #expect(sep.scalars == [1, 5, 9, 3, 7, 11])
        // A 2-d index array replaces the axis with its shape.
        #expect(try iota([5]).gathered([.array(try NDArray(shape: [2, 2], integers: [0, 4, -1, 1]))]).scalars == [0, 4, 4, 1])
    }

    /// An int64 index array (numpy takes no float arrays as indices).
    func positions(_ values: Int64...) -> NDArray { try! NDArray(shape: [values.count], integers: values) }

    @Test func masksEllipsisAndNewAxis() throws {
        // x[x > 10] in numpy's (row-major) order; a mask over the first axis keeps the rest.
        let mask = try NDArray.greater(x, NDArray(10))
        #expect(try x.gathered([.array(mask)]).scalars == (11..<24).map(Double.init))
        let rows = try NDArray(shape: [2], bools: [false, true])
        #expect(try x.gathered([.array(rows)]).shape == [1, 3, 4])
        #expect(try x.gathered([.ellipsis, .index(1)]).scalars == [1, 5, 9, 13, 17, 21])
        #expect(try x.gathered([.newAxis, .ellipsis, .newAxis]).shape == [1, 2, 3, 4, 1])
        // Several integer arrays broadcast together: x[[0, 1], [2, 0]] is (2, 4).
        #expect(try x.gathered([.array(positions(0, 1)), .array(positions(2, 0))]).scalars == [8, 9, 10, 11, 12, 13, 14, 15])
        #expect(errorMessage { try x.gathered([.array(NDArray([1.0]))]) }
                == "index: arrays used as indices must be of integer (or boolean) type, got float64")
        #expect(errorMessage { try x.gathered([.array(try NDArray(shape: [3], bools: [true, false, true]))]) }
                == "index: boolean index did not match indexed array along axis 0; size of axis is 2 but size of corresponding boolean axis is 3")
    }

    @Test func indexErrors() {
        #expect(errorMessage { try x.gathered([.index(2)]) } == "index: index 2 is out of bounds for axis 0 with size 2")
        #expect(errorMessage { try x.gathered([.all, .index(-4)]) } == "index: index -4 is out of bounds for axis 1 with size 3")
        #expect(errorMessage { try x.gathered([.all, .all, .all, .all]) }
                == "index: too many indices for array: array is 3-dimensional, but 4 were indexed")
        #expect(errorMessage { try x.gathered([.slice(start: nil, stop: nil, step: 0)]) } == "index: slice step cannot be zero")
        #expect(errorMessage { try x.gathered([.array(NDArray([0.5]))]) } != nil)
        #expect(errorMessage { try x.gathered([.array(positions(7))]) } != nil)
        #expect(errorMessage { try NDArray(1).gathered([.index(0)]) } != nil)
    }

    @Test func scatterAddIsTheAdjointAndAccumulatesRepeats() throws {
        let g = try NDArray.ones([3])
        let r = try g.scatterAdded([.array(positions(0, 2, 0))], into: [4])
        #expect(r.scalars == [2, 0, 1, 0])
        let s = try NDArray.ones([2, 2]).scatterAdded([.all, .slice(start: 1, stop: nil, step: nil)], into: [2, 3])
        #expect(s.scalars == [0, 1, 1, 0, 1, 1])
        // <gather(x), y> == <x, scatter(y)> for a mixed index.
        let index: [IndexItem] = [.slice(start: nil, stop: nil, step: -1), .array(positions(2, 0, 2)), .index(1)]
        let y = try iota([2, 3]) + NDArray(1)
        let lhs = try (x.gathered(index) * y).sum().scalars[0]
        let rhs = try (x * y.scatterAdded(index, into: x.shape)).sum().scalars[0]
        #expect(lhs == rhs)
    }

    @Test func sliceBoundsFollowPython() throws {
        #expect(try NDArray.sliceBounds(start: nil, stop: nil, step: -1, count: 5) == (4, 5, -1))
        #expect(try NDArray.sliceBounds(start: -100, stop: 100, step: 2, count: 5) == (0, 3, 2))
        #expect(try NDArray.sliceBounds(start: 3, stop: 1, step: nil, count: 5).length == 0)
    }
}
