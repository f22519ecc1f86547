from . import service_survey_campaign_send
