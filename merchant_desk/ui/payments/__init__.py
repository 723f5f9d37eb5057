"""Take a payment and follow it: the form, the QR and status, the list and the detail, the customer display."""
