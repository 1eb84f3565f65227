# Shell functions the local scripts share (source it): a free loopback port, and waiting until a
# started platform is ready.

# A port the kernel chose as free on 127.0.0.1 (Node is always there in this repository).
free_port() {
  # Below the kernel's ephemeral range, which outgoing connections draw from: a port listen(0)
  # hands out could be taken by one before the server binds it (apps/local-cluster/src/free-port.ts).
  local low high port
  read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % (low - 20000)))
    if node -e "require('net').createServer().once('error',()=>process.exit(1)).listen($port,'127.0.0.1',function(){this.close()})"; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# wait_ready BASE_URL PID LOG: returns once BASE_URL/health/ready answers; prints LOG and fails
# when the process PID exits first, or after 60 s.
wait_ready() {
  local base=$1 pid=$2 log=$3
  for _ in $(seq 1 120); do
    curl -fsS "$base/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "platform exited" >&2; return 1; }
    sleep 0.5
  done
  curl -fsS "$base/health/ready" >/dev/null || { cat "$log"; echo "platform not ready" >&2; return 1; }
}
