-- When the person texting as this profile replied STOP (or another opt-out
-- word): nothing is sent to their number until they reply START. NULL
-- while texts may go.
ALTER TABLE profiles ADD COLUMN sms_opted_out_at timestamptz;
