//go:build !unix

package eval

import "time"

// cpuTime is not measured on this system: throughput reports no figure.
func cpuTime() time.Duration { return 0 }
