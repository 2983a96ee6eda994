use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub ns: Vec<u64> }

#[workflow(W, data = D)]
mod w {
    #[map(items = $.ns, item = u64, processor = each, distributed, item_reader(bucket = Items, key = "items.csv"), end)]
    pub struct Each;
    mod each {
        #[succeed]
        pub struct One;
    }
}

fn main() {}
