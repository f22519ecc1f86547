from . import service_kpi_engine
from . import service_kpi
from . import service_kpi_benchmark
from . import service_kpi_snapshot
from . import service_customer_tier
from . import service_agent_appraisal
from . import service_complaint
from . import service_survey_score
