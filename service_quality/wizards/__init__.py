from . import service_complaint_cancel
