package admin

// SetExportPage makes the dashboard's export read n rows at a time, so a
// test's few rows span several reads; it returns the undo.
func SetExportPage(n int) (restore func()) {
	was := exportPage
	exportPage = n
	return func() { exportPage = was }
}

// SetMaxExportRows lowers the export's bound to n rows; it returns the undo.
func SetMaxExportRows(n int) (restore func()) {
	was := maxExportRows
	maxExportRows = n
	return func() { maxExportRows = was }
}
