package sms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"hubchat/app/twilio"
	"hubchat/app/upload"
	"hubchat/storage"
)

// Why a picture a person texted was not kept, stored on the message as a
// reason code (storage.RefusedMedia) and worded by the admin.
const (
	RefusedTooLarge    = "too_large"   // over upload.MaxImageBytes, or over maxMediaTotal with the others
	RefusedNotPicture  = "not_picture" // a video, a contact card…: the inbox keeps pictures only
	RefusedUnreadable  = "unreadable"  // announced as a picture, but damaged or too many pixels
	RefusedUnreachable = "unreachable" // Twilio did not give the file, even after a few tries
)

// Bounds of keeping a text's pictures.
const (
	// maxMediaTotal bounds what one message's pictures may add up to, so a
	// message of many large files cannot fill the worker's memory.
	maxMediaTotal = 2 * upload.MaxImageBytes
	// mediaFetchAttempts is how many runs of the receive job try again
	// when Twilio is down or slow; then the message is kept without the
	// pictures Twilio did not give, each noted as unreachable.
	mediaFetchAttempts = 3
)

// MediaFetcher keeps the pictures of incoming MMS: it downloads each from
// Twilio with the shop's credentials (twilio.Client.FetchMedia) and checks
// it as the pictures people send in the web chat are (app/upload).
type MediaFetcher struct {
	Settings CredentialReader
	// TwilioURL is Twilio's REST API (configuration); AppURL the app's
	// public address, under which kept pictures are served (/media/{token}).
	TwilioURL, AppURL string
}

// keptMedia is what a text's pictures became.
type keptMedia struct {
	uploads     []storage.Upload
	attachments []storage.Attachment
	refused     []storage.RefusedMedia
}

// Keep fetches the pictures of in, a text of the shop. Each is kept or
// noted as refused with its reason; the rest of the message is never lost
// for a picture. While Twilio is down and the job has runs left, it
// returns an error so the job runs again later.
func (f *MediaFetcher) Keep(ctx context.Context, job storage.Job, in twilio.Incoming) (keptMedia, error) {
	var kept keptMedia
	if len(in.Media) == 0 {
		return kept, nil
	}
	var client *twilio.Client
	if f != nil { // without a fetcher every file is noted, and the text kept
		var err error
		if client, err = f.client(ctx, job.ShopID); err != nil {
			return keptMedia{}, err
		}
	}
	total := 0
	for _, m := range in.Media {
		reason, size, err := f.keepOne(ctx, client, in.MessageSID, m.URL, maxMediaTotal-total, &kept)
		if err != nil && job.Attempts < mediaFetchAttempts {
			return keptMedia{}, fmt.Errorf("picture of text %s: %w", in.MessageSID, err) // temporary: try again
		}
		if err != nil {
			reason = RefusedUnreachable
		}
		if reason != "" {
			kept.refused = append(kept.refused, storage.RefusedMedia{ContentType: m.ContentType, Reason: reason})
		}
		total += size
	}
	return kept, nil
}

// keepOne downloads one file and keeps it as a picture; otherwise it
// returns why it was refused, or an error when Twilio could not give it
// now but may later. room is how many bytes the message may still keep.
func (f *MediaFetcher) keepOne(ctx context.Context, client *twilio.Client, messageSID, mediaURL string, room int, kept *keptMedia) (reason string, size int, err error) {
	if client == nil {
		return RefusedUnreachable, 0, nil
	}
	data, _, err := client.FetchMedia(ctx, messageSID, mediaURL, int64(min(room, upload.MaxImageBytes)))
	var te *twilio.Error
	switch {
	case errors.Is(err, twilio.ErrTooLarge):
		return RefusedTooLarge, 0, nil
	case errors.As(err, &te) && te.Temporary():
		return "", 0, err
	case err != nil:
		return RefusedUnreachable, 0, nil
	}
	if reason, err = kept.add(f.AppURL, data); reason != "" || err != nil {
		return reason, 0, err
	}
	return "", len(data), nil
}

// client is a Twilio client of the shop's account; nil when the shop has
// no credentials any more (its pictures cannot be had).
func (f *MediaFetcher) client(ctx context.Context, shopID int64) (*twilio.Client, error) {
	settings, token, err := f.Settings.Credentials(ctx, shopID)
	if err != nil || token == "" {
		return nil, err
	}
	client, err := twilio.New(twilio.Credentials{AccountSID: settings.AccountSID, AuthToken: twilio.AuthToken(token)},
		twilio.WithBaseURL(f.TwilioURL))
	if err != nil {
		return nil, nil // credentials of a shape Twilio never gives
	}
	return client, nil
}

// add checks a downloaded file as a picture and keeps it; the reason it is
// refused otherwise.
func (k *keptMedia) add(appURL string, data []byte) (reason string, err error) {
	if !isPicture(http.DetectContentType(data)) {
		return RefusedNotPicture, nil
	}
	img, err := upload.CheckImage(data)
	if err != nil {
		return RefusedUnreadable, nil
	}
	u, err := storage.NewUpload(img.ContentType, img.Data)
	if err != nil {
		return "", err
	}
	k.uploads = append(k.uploads, u)
	k.attachments = append(k.attachments, storage.Attachment{URL: strings.TrimRight(appURL, "/") + "/media/" + u.ID,
		ContentType: img.ContentType, Width: img.Width, Height: img.Height})
	return "", nil
}

// isPicture reports whether content sniffed as one of the images the inbox
// shows.
func isPicture(contentType string) bool {
	switch contentType {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return true
	}
	return false
}
