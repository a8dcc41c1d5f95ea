//go:build !race

package graph

// raceDetector is set when the tests run with -race, which multiplies time and memory.
const raceDetector = false
