//! Every one of the 71 HostBill User API routes, called through its generated method
//! against a local mock server: the test asserts the HTTP method, the raw path (with path
//! parameters filled in), the query, the JSON body (or its absence) and the credentials the
//! server saw, and that the documented answer decodes. The expected method and path of each
//! route are written out from the API docs (`@id` segments become the values passed), and
//! the set of exercised operations is checked against the spec so that no route is missed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::future::Future;
use std::path::Path;

use generated_client::hostbill::{self as hb, HostbillClient};
use generated_client::ClientConfig;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `Authorization` of `jane@example.com:pw-1` in HTTP Basic.
const BASIC: &str = "Basic amFuZUBleGFtcGxlLmNvbTpwdy0x";

/// Expected request of one route.
struct Expect {
    method: &'static str,
    path: &'static str,
    query: Option<&'static str>,
    body: Option<Value>,
    /// Whether the route carries the client's credentials (false for login and refresh).
    authenticated: bool,
}

fn req(method: &'static str, path: &'static str) -> Expect {
    Expect {
        method,
        path,
        query: None,
        body: None,
        authenticated: true,
    }
}

impl Expect {
    fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    fn query(mut self, query: &'static str) -> Self {
        self.query = Some(query);
        self
    }

    fn anonymous(mut self) -> Self {
        self.authenticated = false;
        self
    }
}

struct Harness {
    server: MockServer,
    /// Operation names called so far, with the path template they reported.
    seen: BTreeMap<&'static str, &'static str>,
}

impl Harness {
    /// Answers the next request with `answer`, awaits `call` and checks the one request the
    /// server received against `expect`.
    async fn check<T, F>(
        &mut self,
        operation: &'static str,
        template: &'static str,
        expect: Expect,
        answer: Value,
        call: F,
    ) -> T
    where
        T: Debug,
        F: Future<Output = Result<T, hb::Error>>,
    {
        assert!(
            self.seen.insert(operation, template).is_none(),
            "{operation} called twice"
        );
        self.server.reset().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(answer))
            .mount(&self.server)
            .await;
        let result = call.await;
        let received = self.server.received_requests().await.expect("recording");
        assert_eq!(received.len(), 1, "{operation}: exactly one request");
        let r = &received[0];
        assert_eq!(r.method.as_str(), expect.method, "{operation}: method");
        assert_eq!(r.url.path(), expect.path, "{operation}: path");
        assert_eq!(r.url.query(), expect.query, "{operation}: query");
        match &expect.body {
            Some(body) => {
                let sent: Value = serde_json::from_slice(&r.body)
                    .unwrap_or_else(|e| panic!("{operation}: body is not JSON: {e}"));
                assert_eq!(&sent, body, "{operation}: body");
                let ct = r.headers.get("content-type").map(|v| v.to_str().unwrap());
                assert_eq!(ct, Some("application/json"), "{operation}: content type");
            }
            None => assert!(r.body.is_empty(), "{operation}: no body expected"),
        }
        let auth = r.headers.get("authorization").map(|v| v.to_str().unwrap());
        if expect.authenticated {
            assert_eq!(auth, Some(BASIC), "{operation}: credentials");
        } else {
            assert_eq!(auth, None, "{operation}: must not carry credentials");
        }
        result.unwrap_or_else(|e| panic!("{operation}: {e}"))
    }
}

/// Calls one generated method: `route!(harness, builder, expect, answer)`.
macro_rules! route {
    ($h:expr, $builder:expr, $expect:expr, $answer:expr) => {{
        let builder = $builder;
        let request = builder.to_request().expect("request builds");
        // Boxed: 40-odd calls inlined into one test future overflow the stack in debug builds.
        Box::pin($h.check(
            request.operation(),
            request.path_template(),
            $expect,
            $answer,
            builder.send(),
        ))
        .await
    }};
}

/// Operation names and path templates of the HostBill spec.
fn spec_operations() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let spec = codegen::load::load_dir(&root, "spec").expect("spec loads");
    let api = spec
        .apis
        .iter()
        .find(|a| a.name.wire == "hostbill")
        .expect("hostbill api");
    api.groups
        .iter()
        .flat_map(|g| &g.operations)
        .map(|op| (op.name.wire.clone(), op.path.clone()))
        .collect()
}

fn item() -> hb::OrderRequestItem {
    hb::OrderRequestItem::new("service")
        .with_product_id(9)
        .with_cycle("m")
}

fn item_json() -> Value {
    json!({"type": "service", "product_id": 9, "cycle": "m"})
}

#[tokio::test]
async fn every_route_sends_the_documented_request() {
    let server = MockServer::start().await;
    let client = HostbillClient::new(
        ClientConfig::new()
            .base_url(server.uri())
            .auth(HostbillClient::basic_auth("jane@example.com", "pw-1")),
    )
    .unwrap();
    let c = &client;
    let mut h = Harness {
        server,
        seen: BTreeMap::new(),
    };

    // --- account.yaml
    let details = route!(
        h,
        c.get_details(),
        req("GET", "/details"),
        json!({"client": {"id": "26", "email": "jane@example.com", "lastlogin": "2016-12-30 12:24:28"}})
    );
    assert_eq!(details.id, Some(26));
    // A partial update sends only the members that were set.
    let updated = route!(
        h,
        c.update_details(
            hb::UpdateDetailsRequest::new()
                .with_firstname("Jane")
                .with_email("jane@example.com")
                .with_type(hb::AccountType::Private)
        ),
        req("PUT", "/details")
            .body(json!({"type": "Private", "firstname": "Jane", "email": "jane@example.com"})),
        json!({"client": {"id": 26}, "info": ["client_info_updated"]})
    );
    assert_eq!(updated.info, Some(vec!["client_info_updated".to_owned()]));
    let logs: Value = route!(h, c.list_logs(), req("GET", "/logs"), json!({"logs": []}));
    assert_eq!(logs, json!({"logs": []}));

    // --- affiliates.yaml
    let _: Value = route!(
        h,
        c.get_affiliate_summary(),
        req("GET", "/affiliates/summary"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_affiliate_campaigns(),
        req("GET", "/affiliates/campaigns"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_affiliate_commissions(),
        req("GET", "/affiliates/commissions"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_affiliate_payouts(),
        req("GET", "/affiliates/payouts"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_affiliate_vouchers(),
        req("GET", "/affiliates/vouchers"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_affiliate_commission_plans(),
        req("GET", "/affiliates/commissionplans"),
        json!({})
    );

    // --- auth.yaml
    let login = route!(
        h,
        c.login("jane@example.com", "pw-1"),
        req("POST", "/login")
            .anonymous()
            .body(json!({"username": "jane@example.com", "password": "pw-1"})),
        json!({"token": "tok-1", "refresh": "ref-1"})
    );
    assert_eq!(login.token.as_ref().map(|t| t.expose()), Some("tok-1"));
    let out = route!(
        h,
        c.logout(),
        req("POST", "/logout"),
        json!({"status": true})
    );
    assert_eq!(out.status, Some(true));
    let tokens = route!(
        h,
        c.refresh_token("ref-1"),
        req("POST", "/token")
            .anonymous()
            .body(json!({"refresh_token": "ref-1"})),
        json!({"token": "tok-2", "refresh": "ref-2"})
    );
    assert_eq!(tokens.refresh.as_ref().map(|t| t.expose()), Some("ref-2"));
    let revoked = route!(
        h,
        c.revoke().refresh_token("ref-2"),
        req("POST", "/revoke").body(json!({"refresh_token": "ref-2"})),
        json!({"status": true})
    );
    assert_eq!(revoked.status, Some(true));

    // --- billing.yaml
    let balance = route!(
        h,
        c.get_balance(),
        req("GET", "/balance"),
        json!({"success": true, "details": {"currency": "USD", "acc_balance": "123456.55", "acc_credit": "0.00"}})
    );
    assert_eq!(balance.acc_balance, Some("123456.55".parse().unwrap()));
    let invoices = route!(
        h,
        c.list_invoices(),
        req("GET", "/invoice"),
        json!({"invoices": [{"id": "308976", "total": "9.99"}]})
    );
    assert_eq!(invoices.len(), 1);
    let invoice = route!(
        h,
        c.get_invoice(308976),
        req("GET", "/invoice/308976"),
        json!({"invoice": {"id": 308976, "total": 19.65}})
    );
    assert_eq!(invoice.id, Some(308976));
    let _credit = route!(
        h,
        c.apply_credit(
            308976,
            hb::ApplyCreditRequest::new().with_amount(Decimal::new(500, 2))
        ),
        req("POST", "/invoice/308976/credit").body(json!({"amount": "5.00"})),
        json!({"success": true})
    );
    let methods = route!(
        h,
        c.list_payment_methods(),
        req("GET", "/payment"),
        json!({"payments": {"10": "BankTransfer", "9": "PayPal"}})
    );
    let methods = methods.payments.expect("payments");
    assert_eq!(methods.get("9").map(String::as_str), Some("PayPal"));
    let fees = route!(
        h,
        c.list_payment_method_fees(),
        req("GET", "/payment/fees"),
        json!({"payments": []})
    );
    assert!(fees.is_empty());

    // --- contacts.yaml
    let contacts = route!(
        h,
        c.list_contacts(),
        req("GET", "/contact"),
        json!({"contacts": []})
    );
    assert!(contacts.is_empty());
    let created = route!(
        h,
        c.create_contact(
            hb::CreateContactRequest::new()
                .with_privileges(
                    hb::ContactPrivileges::new().with_billing(vec!["payinvoice".to_owned()])
                )
                .with_type(hb::AccountType::Company)
                .with_firstname("John")
                .with_lastname("Doe")
                .with_phonenumber("+1.555")
                .with_email("john@example.com")
                .with_companyname("Acme")
                .with_address1("1 Main St")
                .with_address2("")
                .with_city("Springfield")
                .with_state("IL")
                .with_postcode("62701")
                .with_country("US")
                .with_password("contact-pw")
        ),
        req("POST", "/contact").body(json!({
            "password": "contact-pw",
            "privileges": {"billing": ["payinvoice"]},
            "type": "Company",
            "firstname": "John",
            "lastname": "Doe",
            "phonenumber": "+1.555",
            "email": "john@example.com",
            "companyname": "Acme",
            "address1": "1 Main St",
            "address2": "",
            "city": "Springfield",
            "state": "IL",
            "postcode": "62701",
            "country": "US"
        })),
        json!({"contact_id": "1", "info": ["profile_added"]})
    );
    assert_eq!(created.contact_id, Some(1));
    let privileges = route!(
        h,
        c.list_contact_privileges(),
        req("GET", "/contact/privileges"),
        json!({"privileges": {"billing": ["emails", "payinvoice"]}})
    );
    assert_eq!(privileges.billing.map(|b| b.len()), Some(2));
    let contact = route!(
        h,
        c.get_contact(49),
        req("GET", "/contact/49"),
        json!({"contact": {"id": "49", "type": "Private"}})
    );
    assert_eq!(contact.r#type, Some(hb::AccountType::Private));
    let _ = route!(
        h,
        c.update_contact(49, hb::UpdateContactRequest::new().with_lastname("Roe")),
        req("PUT", "/contact/49").body(json!({"lastname": "Roe"})),
        json!({"info": ["profile_updated"]})
    );

    // --- dns.yaml
    let _ = route!(h, c.list_dns(), req("GET", "/dns"), json!({}));
    let _ = route!(
        h,
        c.create_dns_zone(10, hb::CreateDnsZoneRequest::new().with_name("example.com")),
        req("POST", "/service/10/dns").body(json!({"name": "example.com"})),
        json!({"info": ["Domain zone was created successfully."]})
    );
    let _: Value = route!(
        h,
        c.list_service_dns(10),
        req("GET", "/service/10/dns"),
        json!({})
    );
    let zone = route!(
        h,
        c.get_dns_zone(10, 20),
        req("GET", "/service/10/dns/20"),
        json!({"service_id": 10, "name": "example.com", "records": []})
    );
    assert_eq!(zone.service_id, Some(10));
    let _ = route!(
        h,
        c.delete_dns_zone(10, 20),
        req("DELETE", "/service/10/dns/20"),
        json!({"info": ["Domain zone was deleted successfully."]})
    );
    let _ = route!(
        h,
        c.update_dns_record(
            10,
            20,
            30,
            hb::DnsRecordRequest::new()
                .with_name("www")
                .with_ttl(3600)
                .with_priority(0)
                .with_type(hb::DnsRecordType::A)
                .with_content(hb::DnsRecordContent::Text("192.0.2.1".into()))
        ),
        req("PUT", "/service/10/dns/20/records/30").body(
            json!({"name": "www", "ttl": 3600, "priority": 0, "type": "A", "content": "192.0.2.1"})
        ),
        json!({"record": {"name": "www"}})
    );
    let _: Value = route!(
        h,
        c.delete_dns_record(10, 20, 30),
        req("DELETE", "/service/10/dns/20/records/30"),
        json!({})
    );
    let _ = route!(
        h,
        c.create_dns_record(
            10,
            20,
            hb::DnsRecordRequest::new()
                .with_name("_sip._tcp")
                .with_ttl(300)
                .with_priority(10)
                .with_type(hb::DnsRecordType::Srv)
                .with_content(hb::DnsRecordContent::Parts(vec![
                    "5".into(),
                    "5060".into(),
                    "sip.example.com".into()
                ]))
        ),
        req("POST", "/service/10/dns/20/records").body(json!({
            "name": "_sip._tcp", "ttl": 300, "priority": 10, "type": "SRV",
            "content": ["5", "5060", "sip.example.com"]
        })),
        json!({"record": {"name": "_sip._tcp"}})
    );

    // --- notifications.yaml
    let _: Value = route!(
        h,
        c.list_notifications().rel_type("service").rel_id("10"),
        req("GET", "/notifications").query("rel_type=service&rel_id=10"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_new_notifications(),
        req("GET", "/notifications/new"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.ack_notification(7),
        req("PUT", "/notifications/7/ack"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_statuses().status("open"),
        req("GET", "/statuses").query("status=open"),
        json!({})
    );
    let _: Value = route!(h, c.get_status(3), req("PUT", "/statuses/3"), json!({}));

    // --- orders.yaml
    let _ = route!(
        h,
        c.list_categories(),
        req("GET", "/category"),
        json!({"categories": []})
    );
    let _ = route!(
        h,
        c.list_category_products(2),
        req("GET", "/category/2/product"),
        json!({"products": []})
    );
    let _ = route!(
        h,
        c.get_product_configuration(9),
        req("GET", "/order/9"),
        json!({"product": {}})
    );
    let _ = route!(
        h,
        c.order_product(
            9,
            hb::OrderProductRequest::new()
                .with_cycle("m")
                .with_pay_method(1)
                .with_domain("example.com")
                .with_promocode("SAVE")
        ),
        req("POST", "/order/9").body(
            json!({"domain": "example.com", "cycle": "m", "pay_method": 1, "promocode": "SAVE"})
        ),
        json!({"order_num": 873, "invoice_id": "308978"})
    );
    let _ = route!(
        h,
        c.create_order(
            hb::CreateOrderRequest::new()
                .with_pay_method(1)
                .with_items(vec![item()])
                .with_ignore_errors(true)
        ),
        req("POST", "/order")
            .body(json!({"pay_method": 1, "ignore_errors": true, "items": [item_json()]})),
        json!({"order_num_list": [873], "invoice_id": 308978})
    );
    let _ = route!(
        h,
        c.get_quote(
            hb::QuoteRequest::new()
                .with_pay_method(1)
                .with_items(vec![item()])
                .with_output("short")
        ),
        req("POST", "/quote")
            .body(json!({"pay_method": 1, "output": "short", "items": [item_json()]})),
        json!({})
    );

    // --- services.yaml
    let _ = route!(
        h,
        c.list_services(),
        req("GET", "/service"),
        json!({"services": []})
    );
    let _ = route!(
        h,
        c.get_service(11),
        req("GET", "/service/11"),
        json!({"service": {}})
    );
    let _ = route!(
        h,
        c.list_service_methods(11),
        req("GET", "/service/11/methods"),
        json!({"methods": []})
    );
    let _ = route!(
        h,
        c.get_upgrade_options(11),
        req("GET", "/service/11/upgrade"),
        json!({"resources": [], "package": []})
    );
    let mut resources = BTreeMap::new();
    resources.insert("5".to_owned(), hb::UpgradeResourceValue::Value("10".into()));
    let _: Value = route!(
        h,
        c.request_upgrade(
            11,
            hb::UpgradeRequest::new()
                .with_resources(resources)
                .with_send(false)
        ),
        req("POST", "/service/11/upgrade").body(json!({"resources": {"5": "10"}, "send": false})),
        json!({})
    );
    let _ = route!(
        h,
        c.cancel_service(
            11,
            hb::CancelServiceRequest::new()
                .with_reason("too expensive")
                .with_immediate("true")
        ),
        req("POST", "/service/11/cancel")
            .body(json!({"immediate": "true", "reason": "too expensive"})),
        json!({"info": ["cancell_sent"]})
    );
    let label = route!(
        h,
        c.get_service_label(11),
        req("GET", "/service/11/label"),
        json!({"label": "web"})
    );
    assert_eq!(label.label.as_deref(), Some("web"));
    let _ = route!(
        h,
        c.set_service_label(11, hb::ServiceLabelRequest::new().with_label("db")),
        req("POST", "/service/11/label").body(json!({"label": "db"})),
        json!({"success": true, "info": ["label_updated"]})
    );
    let _: Value = route!(
        h,
        c.list_service_ips(11),
        req("GET", "/service/11/ip"),
        json!({})
    );

    // --- tickets.yaml
    let _ = route!(
        h,
        c.list_tickets(),
        req("GET", "/tickets"),
        json!({"tickets": []})
    );
    let _ = route!(
        h,
        c.get_ticket(736633),
        req("GET", "/tickets/736633"),
        json!({"ticket": {"ticket_number": "736633"}, "replies": []})
    );
    let file = route!(
        h,
        c.get_ticket_attachment("a1b2").number(736633),
        req("GET", "/ticket/attachment/a1b2").query("number=736633"),
        json!({"x": 1})
    );
    assert!(!file.bytes.is_empty());
    let number = route!(
        h,
        c.create_ticket(
            hb::CreateTicketRequest::new()
                .with_dept_id(1)
                .with_subject("Help")
                .with_body("It broke")
        ),
        req("POST", "/tickets").body(json!({"dept_id": 1, "subject": "Help", "body": "It broke"})),
        json!({"ticket": "865213"})
    );
    assert_eq!(number.ticket, Some(865213));
    let _ = route!(
        h,
        c.reply_ticket(736633, hb::TicketReplyRequest::new().with_body("Thanks")),
        req("POST", "/tickets/736633").body(json!({"body": "Thanks"})),
        json!({"info": ["reply_added"]})
    );
    let _ = route!(
        h,
        c.reopen_ticket(736633),
        req("PUT", "/tickets/736633/open"),
        json!({"status": true})
    );
    let _ = route!(
        h,
        c.close_ticket(736633),
        req("PUT", "/tickets/736633/close"),
        json!({"status": true})
    );
    let _: Value = route!(
        h,
        c.list_ticket_departments(),
        req("GET", "/ticket/departments"),
        json!({})
    );

    // --- vms.yaml
    let _: Value = route!(h, c.list_vms(11), req("GET", "/service/11/vms"), json!({}));
    let _: Value = route!(
        h,
        c.get_vm(11, "vm-1"),
        req("GET", "/service/11/vms/vm-1"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.create_vm(
            11,
            hb::CreateVmRequest::new()
                .with_label("web1")
                .with_template("tpl-1")
                .with_flavor("small")
                .with_disk("20")
                .with_security_group("default")
                .with_keypair("key1")
                .with_password("root-pw")
        ),
        req("POST", "/service/11/vms").body(json!({
            "label": "web1", "template": "tpl-1", "flavor": "small", "disk": "20",
            "security_group": "default", "keypair": "key1", "password": "root-pw"
        })),
        json!({})
    );
    let _: Value = route!(
        h,
        c.stop_vm(11, "vm-1"),
        req("POST", "/service/11/vms/vm-1/stop"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.start_vm(11, "vm-1"),
        req("POST", "/service/11/vms/vm-1/start"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.reboot_vm(11, "vm-1"),
        req("POST", "/service/11/vms/vm-1/reboot"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.rescue_vm(11, "vm-1"),
        req("POST", "/service/11/vms/vm-1/rescue"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.unrescue_vm(11, "vm-1"),
        req("POST", "/service/11/vms/vm-1/unrescue"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.rebuild_vm(
            11,
            "vm-1",
            hb::RebuildVmRequest::new().with_template("tpl-2")
        ),
        req("POST", "/service/11/vms/vm-1/rebuild").body(json!({"template": "tpl-2"})),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_os_templates(11),
        req("GET", "/service/11/templates"),
        json!({})
    );
    let _: Value = route!(
        h,
        c.list_service_resources(11),
        req("GET", "/service/11/resources"),
        json!({})
    );

    // Every operation of the spec was called, each once, under its own path template.
    let spec = spec_operations();
    assert_eq!(spec.len(), 71, "the spec has the 71 documented routes");
    let called: BTreeMap<String, String> = h
        .seen
        .iter()
        .map(|(op, path)| ((*op).to_owned(), (*path).to_owned()))
        .collect();
    let missing: BTreeSet<_> = spec.keys().filter(|k| !called.contains_key(*k)).collect();
    assert!(missing.is_empty(), "routes not exercised: {missing:?}");
    assert_eq!(called, spec);
}
