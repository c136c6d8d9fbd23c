package admin

import (
	"context"
	"math"

	"hubchat/app/helpdesk"
	"hubchat/views/i18n"
)

// The helpdesk check's refusals in the staff member's language. The
// helpdesk package decides what went wrong (Kind, Reason, Wait); these
// functions say it on Settings → AI agent (messages.helpdesk.*), and that
// nothing was saved.

// refusedMessage words a helpdesk's lasting refusal of the credentials of
// ch: by the case it names, else by its kind, else with its HTTP status.
func refusedMessage(ctx context.Context, ch handoffChange, he *helpdesk.Error) string {
	user, host := ch.next.ZendeskAgentEmail, ch.next.ZendeskSubdomain+".zendesk.com"
	if ch.prefix == "gorgias" {
		user, host = ch.next.GorgiasUsername, ch.next.GorgiasDomain+".gorgias.com"
	}
	var problem string
	switch {
	case he.Reason != "":
		problem = i18n.T(ctx, "messages.helpdesk.check."+he.Reason, "service", he.Service, "host", host)
	case he.Kind == helpdesk.BadCredentials || he.Kind == helpdesk.Forbidden || he.Kind == helpdesk.NotFound:
		problem = i18n.T(ctx, "messages.helpdesk.check."+ch.prefix+"."+string(he.Kind), "user", user, "host", host)
	default:
		problem = i18n.T(ctx, "messages.helpdesk.check.refused", "service", he.Service, "status", he.Status)
	}
	return i18n.T(ctx, "messages.helpdesk.check.nothing_saved", "problem", problem)
}

// unavailableMessage says that the check could not be made, and that
// nothing was saved: the helpdesk's own words promise a retry, which a
// form does not make.
func unavailableMessage(ctx context.Context, he *helpdesk.Error) string {
	switch he.Kind {
	case helpdesk.RateLimited:
		if he.Wait > 0 {
			return i18n.T(ctx, "messages.helpdesk.check.rate_limited_wait", "service", he.Service,
				"seconds", int(math.Ceil(he.Wait.Seconds())))
		}
		return i18n.T(ctx, "messages.helpdesk.check.rate_limited", "service", he.Service)
	case helpdesk.Unreachable:
		return i18n.T(ctx, "messages.helpdesk.check.unreachable", "service", he.Service)
	}
	return i18n.T(ctx, "messages.helpdesk.check.unavailable", "service", he.Service)
}
