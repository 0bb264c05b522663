import { normaliseAddress, streetOf } from "./address";

test.each([
  ["2111 W Lexington ST", "2111 W LEXINGTON ST"],
  ["  2111   west  lexington   street ", "2111 W LEXINGTON ST"],
  ["2111 W. Lexington St.", "2111 W LEXINGTON ST"],
  ["1234 North Main Street Apt 2", "1234 N MAIN ST"],
  ["1234 N MAIN ST #2R", "1234 N MAIN ST"],
  ["1234 N MAIN ST # 2R", "1234 N MAIN ST"],
  ["1234 N MAIN ST Unit 5", "1234 N MAIN ST"],
  ["1234 N MAIN ST 2", "1234 N MAIN ST"],
  ["1234 n main st rear", "1234 N MAIN ST"],
  ["01234 N Main Ave", "1234 N MAIN AVE"],
  ["1200-1210 W Roosevelt Road", "1200 W ROOSEVELT RD"],
  ["1600 W North Avenue", "1600 W NORTH AVE"],
  ["1600 West North Ave", "1600 W NORTH AVE"],
  ["3900 S Dr Martin Luther King Jr Drive", "3900 S DR MARTIN LUTHER KING JR DR"],
  ["100 E South Water St", "100 E SOUTH WATER ST"],
  ["N State St & W Madison St", "N STATE ST & W MADISON ST"],
  ["W Madison Street and N State Street", "N STATE ST & W MADISON ST"],
  ["1500 Lake Shore Drive East", "1500 LAKE SHORE DR E"],
  ["Ñandú Plaza", "NANDU PLZ"],
  ["", null],
  ["   ", null],
])("normaliseAddress(%j) = %j", (raw, key) => {
  expect(normaliseAddress(raw)).toBe(key);
});

test("null stays null", () => {
  expect(normaliseAddress(null)).toBeNull();
});

test.each([
  ["3833 W 66TH ST", "W 66TH ST"],
  ["N STATE ST & W MADISON ST", "N STATE ST & W MADISON ST"],
])("streetOf(%j) = %j", (key, street) => {
  expect(streetOf(key)).toBe(street);
});
