//! The root component: i18n provider, router, navigation, and an error
//! boundary that shows a Vietnamese message instead of a blank page.

use super::i18n::{t, use_i18n, I18nContextProvider};
use super::lang::enforce_stored_lang;
use super::nav::NavBar;
use super::pages;
use super::update_banner::UpdateBanner;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell/>
        </I18nContextProvider>
    }
}

/// Everything inside the i18n context.
#[component]
fn Shell() -> impl IntoView {
    enforce_stored_lang();
    crate::state::AppState::provide();
    super::signing::provide_signing();
    let i18n = use_i18n();
    view! {
        <Router>
            <NavBar/>
            <crate::ui::chrome::Chrome/>
            <main id="main" tabindex="-1">
                <ErrorBoundary fallback=move |_errors| view! {
                    <section class="error-panel" role="alert">
                        <h1>{t!(i18n, error_title)}</h1>
                        <p>{t!(i18n, error_body)}</p>
                    </section>
                }>
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::overview::Overview/>
                        <Route path=path!("/ke-hoach") view=pages::plans::PlanList/>
                        <Route path=path!("/ke-hoach/:id") view=pages::plans::PlanEditor/>
                        <Route path=path!("/ke-hoach/:id/in") view=pages::plans::PlanPrint/>
                        <Route path=path!("/kiem-tra") view=pages::inspections::InspectionList/>
                        <Route path=path!("/kiem-tra/:id") view=pages::inspections::InspectionPage/>
                        <Route path=path!("/kiem-tra/:id/in") view=pages::inspections::InspectionPrint/>
                        <Route path=path!("/kiem-tra/:id/quyet-dinh") view=pages::inspections::InspectionDecisionPrint/>
                        <Route path=path!("/kiem-tra/:id/thong-bao") view=pages::inspections::UnitNoticePrint/>
                        <Route path=path!("/kiem-tra/:id/chuyen-phien-ban/:run") view=pages::inspections::MigrationPage/>
                        <Route path=path!("/bao-cao") view=pages::reports::ReportList/>
                        <Route path=path!("/bao-cao/kiem-tra-tep") view=pages::reports::VerifyFile/>
                        <Route path=path!("/bao-cao/theo-doi-thpl") view=pages::thpl::ThplList/>
                        <Route path=path!("/bao-cao/theo-doi-thpl/:id") view=pages::thpl::ThplEditor/>
                        <Route path=path!("/bao-cao/theo-doi-thpl/:id/in") view=pages::thpl::ThplPrint/>
                        <Route path=path!("/bao-cao/theo-doi-thpl/:id/kien-nghi") view=pages::thpl::ThplAmendmentPrint/>
                        <Route path=path!("/bao-cao/:id") view=pages::reports::PeriodicReportEditor/>
                        <Route path=path!("/bao-cao/:id/in") view=pages::reports::ReportPrint/>
                        <Route path=path!("/tong-hop") view=pages::rounds::RoundList/>
                        <Route path=path!("/tong-hop/:id") view=pages::rounds::RoundPage/>
                        <Route path=path!("/theo-doi-kien-nghi") view=pages::followup::FollowUpPage/>
                        <Route path=path!("/theo-doi-kien-nghi/sua-doi-van-ban") view=pages::followup::AmendmentListPage/>
                        <Route path=path!("/cai-dat") view=pages::settings::SettingsPage/>
                        <Route path=path!("/cai-dat/khoi-phuc") view=pages::settings::RecoveryPage/>
                        <Route path=path!("/cai-dat/mau-phieu") view=pages::templates::TemplateList/>
                        <Route path=path!("/cai-dat/mau-phieu/:id") view=pages::templates::TemplateEditor/>
                    </Routes>
                </ErrorBoundary>
            </main>
            <UpdateBanner/>
        </Router>
    }
}
