/** The Svelte page: one compiled component (see the Svelte plugin in src/web-bundle.ts). */
import { mount } from "svelte";
import Session from "./Session.svelte";

const target = document.getElementById("root");
if (target) mount(Session, { target });
