import Testing
@testable import DZTensor

@Suite struct CreationTests {
    @Test func zerosOnesFull() throws {
        #expect(try NDArray.zeros([2, 3]).scalars == [0, 0, 0, 0, 0, 0])
        #expect(try NDArray.ones([2]).shape == [2])
        #expect(try NDArray.full([], 7).scalars == [7])
        #expect(try NDArray.full([], 7).shape == [])
        #expect(try NDArray.zeros([0, 3]).size == 0)
    }

    @Test func arangeMatchesNumpyIncludingItsStepArithmetic() throws {
        // np.arange(0.1, 1, 0.1).tolist()
        #expect(try NDArray.arange(0.1, 1, 0.1).scalars
                == [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7000000000000001, 0.8, 0.9])
        #expect(try NDArray.arange(0, 5).scalars == [0, 1, 2, 3, 4])
        #expect(try NDArray.arange(5, 0, -2).scalars == [5, 3, 1])
        #expect(try NDArray.arange(3, 1).shape == [0])
        #expect(errorMessage { try NDArray.arange(0, 1, 0) } == "arange: step must not be zero")
        #expect(errorMessage { try NDArray.arange(0, .infinity) } != nil)
    }

    @Test func linspaceMatchesNumpy() throws {
        #expect(try NDArray.linspace(0, 1, count: 7).scalars
                == [0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666, 0.8333333333333333, 1.0])
        #expect(try NDArray.linspace(2, 3, count: 1).scalars == [2])
        #expect(try NDArray.linspace(2, 3, count: 0).shape == [0])
        #expect(errorMessage { try NDArray.linspace(0, 1, count: -1) } != nil)
    }

    @Test func eye() throws {
        #expect(try NDArray.eye(2).scalars == [1, 0, 0, 1])
        #expect(try NDArray.eye(2, 3, k: 1).scalars == [0, 1, 0, 0, 0, 1])
    }

    @Test func nestedLiteralsStackAndRefuseRaggedRows() throws {
        let m = try NDArray.nested([NDArray([1, 2]), NDArray([3, 4])])
        #expect(m.shape == [2, 2])
        #expect(m.scalars == [1, 2, 3, 4])
        #expect(try NDArray.nested([NDArray(1), NDArray(2)]).shape == [2])
        let message = errorMessage { try NDArray.nested([NDArray([1, 2]), NDArray([3])]) }
        #expect(message?.hasPrefix("array: setting an array element with a sequence") == true)
    }

    @Test func sizesAreCheckedBeforeAllocation() {
        #expect(errorMessage { try NDArray.zeros([-1, 2]) }
                == "full: negative dimensions are not allowed, got shape (-1, 2)")
        #expect(errorMessage { try NDArray.zeros([1 << 40, 1 << 40]) }
                == "full: an array of shape (1099511627776, 1099511627776) does not fit in this machine's memory")
        #expect(errorMessage { try NDArray.zeros([Int.max, 2]) } != nil)
        let huge = MemoryLimit.maxElements + 1
        #expect(errorMessage { try NDArray.ones([huge]) }?.contains("does not fit") == true)
        #expect(errorMessage { try NDArray(shape: [2], scalars: [1]) } == "array: 1 elements do not fill shape (2,)")
    }
}
