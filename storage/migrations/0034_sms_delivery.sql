-- A message sent as SMS: Twilio's id for it (its status callbacks name it),
-- its delivery status as Twilio last reported it ('' for a message that is
-- no SMS), and why it failed, in words for the agents.
ALTER TABLE messages ADD COLUMN sms_sid text,
    ADD COLUMN sms_status text NOT NULL DEFAULT '',
    ADD COLUMN sms_error text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX messages_sms_sid ON messages (shop_id, sms_sid) WHERE sms_sid IS NOT NULL;
