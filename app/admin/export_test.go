package admin

// MeasureImage lets the external tests read image headers as Reply does.
var MeasureImage = measureImage
