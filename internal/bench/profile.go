package bench

import (
	"os"
	"strconv"
	"strings"
)

// resetPeakRSS resets the kernel's high-water mark of this process's resident memory, so
// the next peakRSS reads the peak of what follows. It reports whether the kernel allowed it.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns this process's peak resident memory in bytes (VmHWM), or 0 when unknown.
func peakRSS() int64 { return peakRSSOf("self") }

// peakRSSOf returns the peak resident memory of process pid ("self" for this one).
func peakRSSOf(pid string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
