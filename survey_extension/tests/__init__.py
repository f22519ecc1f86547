from . import test_survey_score
from . import test_complaint_survey
from . import test_expectation_gap
from . import test_derived_weight
from . import test_survey_campaign
from . import test_survey_security
from . import test_ui
