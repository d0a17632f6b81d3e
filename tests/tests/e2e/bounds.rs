//! Numbers, exports and writes that cross a scope: every quantity and
//! amount has a bound, exports are safe to open, a dealer's fault report
//! cannot borrow another dealer's customer.
