/* ZeroMQ (Debian libzmq3-dev), for the Jupyter kernel only: dz itself does not link it. */
#include <zmq.h>
