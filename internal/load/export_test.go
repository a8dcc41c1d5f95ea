package load

// SetBulkChunk makes the bulk path read n articles at a time until the returned function
// is called, so that tests with a small corpus stream it in several chunks.
func SetBulkChunk(n int) (restore func()) {
	old := bulkChunk
	bulkChunk = n
	return func() { bulkChunk = old }
}
