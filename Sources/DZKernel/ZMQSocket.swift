import CZMQ
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A ZeroMQ socket used from one thread at a time (zmq sockets are not thread-safe: the
/// IOPub socket is shared behind ``Publisher``'s lock). Every call is retried on `EINTR`,
/// since a SIGINT for the running cell may land in any thread blocked in zmq.
final class ZMQSocket: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Why a socket call failed: `ETERM` once the context is shut down.
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: zmq_strerror(code)) }
        var terminated: Bool { code == ETERM }
    }

    init(context: UnsafeMutableRawPointer, type: Int32) throws(Failure) {
        guard let h = zmq_socket(context, type) else { throw Failure(code: zmq_errno()) }
        handle = h
        var linger: Int32 = 1000
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    }

    func setOption(_ option: Int32, _ value: Int32) {
        var v = value
        zmq_setsockopt(handle, option, &v, MemoryLayout<Int32>.size)
    }

    func bind(_ endpoint: String) throws(Failure) {
        guard zmq_bind(handle, endpoint) == 0 else { throw Failure(code: zmq_errno()) }
    }

    func close() { zmq_close(handle) }

    /// Receives one multipart message (nil with `dontWait` when none is queued).
    func receive(dontWait: Bool = false) throws(Failure) -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            var received: Int32
            repeat {
                received = zmq_msg_recv(&message, handle, dontWait && frames.isEmpty ? ZMQ_DONTWAIT : 0)
            } while received < 0 && zmq_errno() == EINTR
            if received < 0 {
                let code = zmq_errno()
                if code == EAGAIN && frames.isEmpty { return nil }
                throw Failure(code: code)
            }
            let size = zmq_msg_size(&message)
            if size > 0, let data = zmq_msg_data(&message) {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Sends `frames` as one multipart message.
    func send(_ frames: [[UInt8]]) throws(Failure) {
        for (i, frame) in frames.enumerated() {
            let flags = i < frames.count - 1 ? ZMQ_SNDMORE : 0
            var sent: Int32
            repeat {
                sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            } while sent < 0 && zmq_errno() == EINTR
            if sent < 0 { throw Failure(code: zmq_errno()) }
        }
    }

    /// Waits up to `milliseconds` for any of `sockets` to be readable; returns which are.
    static func poll(_ sockets: [ZMQSocket], milliseconds: Int) throws(Failure) -> [Bool] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let n = zmq_poll(&items, Int32(items.count), milliseconds)
        if n < 0 {
            let code = zmq_errno()
            if code == EINTR { return sockets.map { _ in false } }
            throw Failure(code: code)
        }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
