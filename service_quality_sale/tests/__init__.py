from . import test_sale_complaint
from . import test_sale_complaint_rate
from . import test_sale_expectation
from . import test_sale_stock_delivery
from . import test_ui
from . import test_sale_expectation_access
