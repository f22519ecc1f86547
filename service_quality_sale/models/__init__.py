from . import res_company
from . import service_customer_tier
from . import service_expectation_form
from . import service_complaint
from . import sale_order
from . import sale_order_line
from . import res_partner
from . import service_kpi_engine
