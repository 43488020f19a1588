/**
 * Routes. Signed-out people reach only sign-in, sign-up and accept-invite; the rest needs a session, and the root
 * sends merchants to their overview and affiliates to their portal.
 */
import { Navigate, Route, Router, type RouteSectionProps } from "@solidjs/router";
import { lazy, Show, type JSX } from "solid-js";
import { useApi } from "./api/context";
import { AcceptInvite } from "./pages/AcceptInvite";
import { SignIn } from "./pages/SignIn";
import { SignUp } from "./pages/SignUp";
import { Layout } from "./ui/Layout";

const Overview = lazy(() => import("./pages/merchant/Overview"));
const Reports = lazy(() => import("./pages/merchant/Reports"));
const Campaigns = lazy(() => import("./pages/merchant/Campaigns"));
const CampaignEditor = lazy(() => import("./pages/merchant/CampaignEditor"));
const Affiliates = lazy(() => import("./pages/merchant/Affiliates"));
const Links = lazy(() => import("./pages/merchant/Links"));
const Coupons = lazy(() => import("./pages/merchant/Coupons"));
const Conversions = lazy(() => import("./pages/merchant/Conversions"));
const FailedEvents = lazy(() => import("./pages/merchant/FailedEvents"));
const Commissions = lazy(() => import("./pages/merchant/Commissions"));
const Fraud = lazy(() => import("./pages/merchant/FraudQueue"));
const Payouts = lazy(() => import("./pages/merchant/Payouts"));
const PayoutBatches = lazy(() => import("./pages/merchant/PayoutBatches"));
const PayoutBatch = lazy(() => import("./pages/merchant/PayoutBatch"));
const PayoutMethods = lazy(() => import("./pages/merchant/PayoutMethods"));
const Privacy = lazy(() => import("./pages/merchant/Privacy"));
const Settings = lazy(() => import("./pages/settings/Settings"));
const Portal = lazy(() => import("./pages/affiliate/Portal"));
const PortalLinks = lazy(() => import("./pages/affiliate/PortalLinks"));
const PortalEarnings = lazy(() => import("./pages/affiliate/PortalEarnings"));
const PortalPayoutMethod = lazy(() => import("./pages/affiliate/PortalPayoutMethod"));

function SignedIn(props: RouteSectionProps): JSX.Element {
  const { session } = useApi();
  return (
    <Show when={session.user()} fallback={<Navigate href={`/sign-in?next=${encodeURIComponent(props.location.pathname)}`} />}>
      <Layout>{props.children}</Layout>
    </Show>
  );
}

function Home() {
  const { session } = useApi();
  return <Navigate href={session.user()?.role === "affiliate" ? "/portal" : "/overview"} />;
}

export function App(props: { url?: string }) {
  return (
    <Router url={props.url}>
      <Route path="/sign-in" component={SignIn} />
      <Route path="/signup" component={SignUp} />
      <Route path="/accept-invite" component={AcceptInvite} />
      <Route path="/" component={SignedIn}>
        <Route path="/" component={Home} />
        <Route path="/overview" component={Overview} />
        <Route path="/reports" component={Reports} />
        <Route path="/campaigns" component={Campaigns} />
        <Route path="/campaigns/new" component={CampaignEditor} />
        <Route path="/campaigns/:id" component={CampaignEditor} />
        <Route path="/affiliates" component={Affiliates} />
        <Route path="/links" component={Links} />
        <Route path="/coupons" component={Coupons} />
        <Route path="/conversions" component={Conversions} />
        <Route path="/failed-events" component={FailedEvents} />
        <Route path="/commissions" component={Commissions} />
        <Route path="/fraud" component={Fraud} />
        <Route path="/payouts" component={Payouts} />
        <Route path="/payout-batches" component={PayoutBatches} />
        <Route path="/payout-batches/:id" component={PayoutBatch} />
        <Route path="/payout-methods" component={PayoutMethods} />
        <Route path="/privacy" component={Privacy} />
        <Route path="/settings" component={Settings} />
        <Route path="/portal" component={Portal} />
        <Route path="/portal/links" component={PortalLinks} />
        <Route path="/portal/earnings" component={PortalEarnings} />
        <Route path="/portal/payout-method" component={PortalPayoutMethod} />
      </Route>
      <Route path="*" component={Home} />
    </Router>
  );
}
