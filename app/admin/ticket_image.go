package admin

import (
	"mime/multipart"

	"hubchat/app/upload"
)

// An agent's image is checked as every image sent in a chat is
// (app/upload), shoppers' included.

const maxImageBytes = upload.MaxImageBytes

type sentImage = upload.Image

func readImage(fh *multipart.FileHeader) (sentImage, error) { return upload.ReadImage(fh) }

var measureImage = upload.MeasureImage

func webpSize(b []byte) (int, int, error) { return upload.WebPSize(b) }
